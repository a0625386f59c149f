namespace Inventory.Domain;

/// <summary>Per-position rules. Not part of the ledger fold: it is configuration, not stock.</summary>
[GenerateSerializer, Alias("inv.StockPolicy"), Immutable]
public sealed record StockPolicy(
    bool AllowNegative = false,
    decimal? ReorderPoint = null,
    decimal? ReorderQuantity = null,
    decimal? MaxStock = null,
    decimal SafetyStock = 0m)
{
    public static readonly StockPolicy Default = new();
}
