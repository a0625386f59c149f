using Inventory.Domain;

namespace Inventory.Grains.Positions;

/// <summary>
/// One position's stock by state and by lot, as of <see cref="Today"/> (the grain's clock): what the lots endpoint
/// shows. Available = on hand - reserved - quality control - damaged - expired - safety stock.
/// </summary>
[GenerateSerializer, Alias("inv.StockView"), Immutable]
public sealed record StockView(
    string Warehouse,
    string Sku,
    DateOnly Today,
    decimal OnHand,
    decimal Reserved,
    decimal QualityControl,
    decimal Damaged,
    decimal Expired,
    decimal SafetyStock,
    decimal Available,
    decimal Incoming,
    RemovalStrategy RemovalStrategy,
    CostingMethod CostingMethod,
    IReadOnlyList<LotBalance> Lots,
    IReadOnlyList<IncomingOrder> IncomingOrders,
    long Sequence)
{
    public static StockView Of(StockPosition position, DateOnly today) => new(
        position.Key.Warehouse, position.Key.Sku, today, position.OnHand, position.Reserved, position.QualityControl,
        position.Damaged, position.ExpiredOn(today), position.Policy.SafetyStock, position.AvailableOn(today), position.Incoming,
        position.EffectiveRemovalStrategy, position.CostingMethod, position.Lots(today), [.. position.IncomingOrders], position.Sequence);
}
