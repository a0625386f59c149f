namespace Inventory.Domain;

/// <summary>Serializable (System.Text.Json) copy of a <see cref="StockPosition"/>: what the store keeps as the snapshot.</summary>
/// <remarks>
/// Fields added later are optional with defaults that mean "as before" (no removal strategy of its own, nothing on
/// order), so snapshots written by older versions still load. Quality control and damaged totals are not stored: they
/// are the sums of the layers in those statuses.
/// </remarks>
[GenerateSerializer, Alias("inv.StockPositionSnapshot"), Immutable]
public sealed record StockPositionSnapshot(
    string Warehouse,
    string Sku,
    long Sequence,
    CostingMethod CostingMethod,
    StockPolicy Policy,
    decimal OnHand,
    decimal Reserved,
    decimal AverageUnitCost,
    decimal LastUnitCost,
    long NextLayerId,
    IReadOnlyList<CostLayer> Layers,
    IReadOnlyList<PositionReservation> Reservations,
    IReadOnlyList<string> TerminalReservationOrder,
    IReadOnlyList<LedgerEntry> RecentRequests,
    RemovalStrategy? RemovalStrategy = null,
    IReadOnlyList<IncomingOrder>? IncomingOrders = null);
