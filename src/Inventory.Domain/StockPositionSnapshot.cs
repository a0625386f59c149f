namespace Inventory.Domain;

/// <summary>Serializable (System.Text.Json) copy of a <see cref="StockPosition"/>: what the store keeps as the snapshot.</summary>
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
    IReadOnlyList<LedgerEntry> RecentRequests);
