using Inventory.Domain;
using Inventory.Domain.Reservations;

namespace Inventory.Grains.Positions;

/// <summary>One stock position (key "WAREHOUSE/SKU"). Every change is answered only after it is persisted.</summary>
[Alias("inv.IStockPositionGrain")]
public partial interface IStockPositionGrain : IGrainWithStringKey
{
    Task<PositionView> GetAsync();
    Task<StockPositionSnapshot> GetSnapshotAsync();
    Task<Valuation> GetValuationAsync();
    Task<PositionView> ConfigureAsync(CostingMethod? costingMethod, StockPolicy? policy);
    Task<Result<Movement>> ReceiveAsync(ReceiveStock receipt, Actor actor);
    /// <summary>
    /// Holds <paramref name="quantity"/> for <paramref name="reservationId"/>. With <paramref name="record"/>, the
    /// reservation's record is stored in the same commit as the line (only when the line is held).
    /// </summary>
    Task<Result<Movement>> ReserveAsync(string reservationId, decimal quantity, DateTimeOffset expiresAt, Actor actor, string? reference,
        ReservationRecord? record = null);
    Task<Result<Movement>> ExtendAsync(string reservationId, DateTimeOffset expiresAt, Actor actor);
    Task<Result<Movement>> CommitAsync(string reservationId, Actor actor);
    Task<Result<Movement>> ReleaseAsync(string reservationId, Actor actor);
    /// <summary>Ends one active reservation as expired now, before its expiry (an operator's "expire now").</summary>
    Task<Result<Movement>> ExpireReservationAsync(string reservationId, Actor actor);
    Task<Result<Movement>> AdjustAsync(decimal delta, AdjustmentReason reason, Actor actor, decimal? unitCost, string? reference, string? requestId);
    Task<Result<Movement>> SetCountAsync(decimal counted, decimal? expectedOnHand, Actor actor, string? reference, string? requestId);
    Task<Result<Movement>> ReturnAsync(decimal quantity, decimal? unitCost, Actor actor, string? reference, string? requestId);
    /// <summary>Expires what is due; used by the sweep after downtime. Returns how many reservations expired.</summary>
    Task<int> ExpireDueAsync();
}
