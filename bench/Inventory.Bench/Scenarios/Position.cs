namespace Inventory.Bench.Scenarios;

/// <summary>One stock position the benchmark seeds: its index in the <see cref="Catalogue"/>, key, and units received.</summary>
public sealed record Position(int Index, string Warehouse, string Sku, int Stock, string Group);
