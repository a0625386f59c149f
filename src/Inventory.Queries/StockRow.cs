namespace Inventory.Queries;

/// <summary>One position as its last committed snapshot has it (the stock listing's read model).</summary>
public sealed record StockRow(
    string Warehouse,
    string Sku,
    decimal OnHand,
    decimal Reserved,
    decimal Available,
    decimal? ReorderPoint,
    decimal SafetyStock,
    decimal? MaxStock,
    long Sequence,
    DateTimeOffset UpdatedAt)
{
    public bool IsLow => ReorderPoint is { } point && Available <= point;
}
