using Inventory.Domain;

namespace Inventory.Grains.Positions;

/// <summary>
/// A read of one position's levels and configuration. Available is what can still be promised: on hand - reserved -
/// quality control - damaged - expired lots - safety stock (never below zero unless negative stock is allowed).
/// </summary>
[GenerateSerializer, Alias("inv.PositionView"), Immutable]
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
    DateTimeOffset? NextExpiry,
    decimal QualityControl = 0m,
    decimal Damaged = 0m,
    decimal Expired = 0m,
    decimal Incoming = 0m,
    RemovalStrategy RemovalStrategy = RemovalStrategy.Fifo)
{
    public bool IsOutOfStock => Available <= 0;
    public bool IsLow => Policy.ReorderPoint is { } point && Available <= point;
    public bool IsOverstock => Policy.MaxStock is { } max && OnHand > max;

    /// <param name="today">The day lots are judged expired on (the grain's clock); null ignores lot expiry.</param>
    public static PositionView Of(StockPosition position, DateOnly? today = null)
    {
        var active = 0;
        foreach (var r in position.Reservations)
            if (r.Status == ReservationStatus.Active) active++;
        return new PositionView(position.Key.Warehouse, position.Key.Sku, position.OnHand, position.Reserved,
            today is { } day ? position.AvailableOn(day) : position.Available, position.CostingMethod, position.Policy,
            position.AverageUnitCost, position.Sequence, active, position.NextExpiry, position.QualityControl, position.Damaged,
            today is { } date ? position.ExpiredOn(date) : 0m, position.Incoming, position.EffectiveRemovalStrategy);
    }
}
