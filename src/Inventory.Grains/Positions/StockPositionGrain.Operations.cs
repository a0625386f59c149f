using Inventory.Domain;

namespace Inventory.Grains.Positions;

// The grain side of lots, stock states, orders, corrections and transfer legs: each one runs the domain command at the
// grain's clock with no await before it (see the rule on StockPositionGrain) and waits for its entries' group commit.
public sealed partial class StockPositionGrain
{
    public Task<StockView> GetStockAsync()
    {
        return Durable(StockView.Of(_position, StockPosition.Today(Now)));
    }

    public Task<PositionView> ConfigureRemovalAsync(RemovalStrategy? removalStrategy)
    {
        _position.RemovalStrategy = removalStrategy;
        _configurationChanged = true;
        return Durable(PositionView.Of(_position, StockPosition.Today(Now)));
    }

    public Task<Result<Movement>> CorrectAsync(StockCorrection correction, Actor actor, Approval approval) =>
        Run(now => _position.Correct(correction, actor, now, approval));

    public Task<Result<Movement>> ChangeStatusAsync(StatusChange change, Actor actor) =>
        Run(now => _position.ChangeStatus(change, actor, now));

    public Task<Result<Movement>> ReturnStockAsync(ReturnStock goods, Actor actor) =>
        Run(now => _position.Return(goods, actor, now));

    public Task<Result<Movement>> OrderAsync(string purchaseOrder, decimal quantity, string? supplier, Actor actor, string? reference, string? requestId) =>
        Run(now => _position.Order(purchaseOrder, quantity, actor, now, supplier, reference, requestId));

    public Task<Result<Movement>> CancelOrderAsync(string purchaseOrder, decimal? quantity, Actor actor, string? reason, string? requestId) =>
        Run(now => _position.CancelOrder(purchaseOrder, quantity, actor, now, reason, requestId));

    public Task<Result<Movement>> ShipAsync(decimal quantity, Actor actor, string? reference, string requestId) =>
        Run(now => _position.Ship(quantity, actor, now, reference, requestId));

    public Task<Result<Movement>> ReceiveTransferAsync(IReadOnlyList<LayerDraw> lines, Actor actor, string? reference, string requestId) =>
        Run(now => _position.ReceiveTransfer(lines, actor, now, reference, requestId));

    public Task<Result<Movement>> RecordTransitLossAsync(IReadOnlyList<LayerDraw> lines, string reason, Actor actor, string? reference, string requestId) =>
        Run(now => _position.RecordTransitLoss(lines, reason, actor, now, reference, requestId));
}
