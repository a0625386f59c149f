namespace Inventory.Grains.Maintenance;

/// <summary>A position whose stored snapshot does not equal the fold of its ledger.</summary>
[GenerateSerializer, Alias("inv.PositionDifference"), Immutable]
public sealed record PositionDifference(string Warehouse, string Sku, IReadOnlyList<string> Differences, bool Repaired);
