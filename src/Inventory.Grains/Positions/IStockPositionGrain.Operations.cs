using Inventory.Domain;

namespace Inventory.Grains.Positions;

// Lots, stock states, orders, corrections under approval and the legs of transfers. Every change is answered only
// after it is persisted, like the rest of the position's methods; "today" for lot expiry is the grain's clock.
public partial interface IStockPositionGrain
{
    /// <summary>Levels by state and per lot, today.</summary>
    Task<StockView> GetStockAsync();

    /// <summary>Configuration: which stock picks take first (null: follow the costing method). Appends nothing.</summary>
    Task<PositionView> ConfigureRemovalAsync(RemovalStrategy? removalStrategy);

    /// <summary>An adjustment, count, write-off or expired write-off; refused with APPROVAL_REQUIRED above the approval's limit.</summary>
    Task<Result<Movement>> CorrectAsync(StockCorrection correction, Actor actor, Approval approval);

    Task<Result<Movement>> ChangeStatusAsync(StatusChange change, Actor actor);

    Task<Result<Movement>> ReturnStockAsync(ReturnStock goods, Actor actor);

    Task<Result<Movement>> OrderAsync(string purchaseOrder, decimal quantity, string? supplier, Actor actor, string? reference, string? requestId);

    Task<Result<Movement>> CancelOrderAsync(string purchaseOrder, decimal? quantity, Actor actor, string? reason, string? requestId);

    /// <summary>A transfer's shipment; the movement's draws are the goods in transit (a replay returns the first ones).</summary>
    Task<Result<Movement>> ShipAsync(decimal quantity, Actor actor, string? reference, string requestId);

    Task<Result<Movement>> ReceiveTransferAsync(IReadOnlyList<LayerDraw> lines, Actor actor, string? reference, string requestId);

    Task<Result<Movement>> RecordTransitLossAsync(IReadOnlyList<LayerDraw> lines, string reason, Actor actor, string? reference, string requestId);
}
