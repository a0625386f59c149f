namespace Inventory.Queries;

/// <summary>
/// One position's figures for a period [from, to), folded from its ledger: on hand and book value at the start and at
/// the end, what was issued in the period (quantity and cost of goods), and its last issue before the end.
/// </summary>
public sealed record PositionActivity(
    string Warehouse,
    string Sku,
    decimal OpeningOnHand,
    decimal ClosingOnHand,
    decimal OpeningValue,
    decimal ClosingValue,
    decimal QuantityIssued,
    decimal CostOfGoodsIssued,
    DateTimeOffset? LastIssueAt);
