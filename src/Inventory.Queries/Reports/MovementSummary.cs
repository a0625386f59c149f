namespace Inventory.Queries.Reports;

/// <summary>Ledger entries of one type in a day: how many, the quantity moved (adjustments signed) and the value moved.</summary>
public sealed record MovementSummary(string Type, long Entries, decimal Quantity, decimal Value);
