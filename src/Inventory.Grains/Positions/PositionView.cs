using Inventory.Domain;

namespace Inventory.Grains.Positions;

/// <summary>A read of one position's levels and configuration.</summary>
public sealed record PositionView(
    string Warehouse,
    string Sku,
    decimal OnHand,
    decimal Reserved,
    decimal Available,
    CostingMethod CostingMethod,
    StockPolicy Policy,
    decimal AverageUnitCost,
    long Sequence,
    int ActiveReservations,
    DateTimeOffset? NextExpiry)
{
    public bool IsOutOfStock => Available <= 0;
    public bool IsLow => Policy.ReorderPoint is { } point && Available <= point;
    public bool IsOverstock => Policy.MaxStock is { } max && OnHand > max;

    public static PositionView Of(StockPosition position)
    {
        var active = 0;
        foreach (var r in position.Reservations)
            if (r.Status == ReservationStatus.Active) active++;
        return new PositionView(position.Key.Warehouse, position.Key.Sku, position.OnHand, position.Reserved,
            position.Available, position.CostingMethod, position.Policy, position.AverageUnitCost, position.Sequence,
            active, position.NextExpiry);
    }
}
