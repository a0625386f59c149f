using Inventory.Domain;
using Inventory.Grains;
using Inventory.Grains.Positions;
using Inventory.Runtime;
using Inventory.Server.Infrastructure.Errors;

namespace Inventory.Server.Transfers;

/// <summary>
/// Moves stock between two positions exactly once. The state is saved before each step, and every step is idempotent
/// by the transfer id: the source reserves and commits reservation "transfer:{id}" (charging cost by the source's
/// costing method), the destination receives with request id "transfer:{id}" at the same unit cost. A crash between
/// steps is finished by the next call with the same id.
/// </summary>
/// <remarks>
/// Deliberately small: no in-transit stock, no partial receipt. Stock leaves the source and reaches the destination
/// within one call; a later issue deepens transfers (transit warehouses, receipt confirmation).
/// </remarks>
public sealed partial class TransferGrain(IGrainStorage storage, ILogger<TransferGrain> logger) : Grain, ITransferGrain
{
    public const string StateName = "transfer";

    /// <summary>How long the source holds the transfer's reservation should the grain stop between reserve and commit.</summary>
    private static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(5);

    private TransferState? _state;
    private long _version;

    private string MovementId => "transfer:" + GrainKey;

    private DateTimeOffset Now => TimeProvider.UtcNowMicroseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await storage.ReadAsync<TransferState>(StateName, GrainKey, cancellationToken) is { } stored)
            (_state, _version) = (stored.State, stored.Version);
    }

    public Task<TransferView?> GetAsync() => Task.FromResult(_state is null ? null : TransferView.Of(_state));

    public async Task<Result<TransferView>> ExecuteAsync(TransferRequest request, Actor actor)
    {
        if (_state is null)
        {
            var now = Now;
            await Save(new TransferState(GrainKey, request, TransferStatus.Pending, null, null, null, actor.User, now, now));
        }
        else if (_state.Request != request)
        {
            return new Failure(HttpErrorCodes.TransferConflict,
                $"Transfer '{GrainKey}' already exists with different content.",
                new Dictionary<string, object?> { ["transferId"] = GrainKey });
        }

        if (_state!.Status == TransferStatus.Pending)
        {
            var source = Position(request.From, request.Sku);
            var reserved = await source.ReserveAsync(MovementId, request.Quantity, Now + HoldFor, actor, request.Reference ?? MovementId);
            if (!reserved.IsSuccess)
                return await Fail(reserved.Failure!);
            var committed = await source.CommitAsync(MovementId, actor);
            if (!committed.IsSuccess)
            {
                await source.ReleaseAsync(MovementId, actor);
                return await Fail(committed.Failure!);
            }

            await Save(_state with { Status = TransferStatus.Shipped, CostOfGoods = committed.Value.CostOfGoods, UpdatedAt = Now });
        }

        if (_state.Status == TransferStatus.Shipped)
        {
            var unitCost = UnitCostOf(_state.CostOfGoods ?? 0m, request.Quantity);
            var received = await Position(request.To, request.Sku).ReceiveAsync(
                new ReceiveStock(request.Quantity, unitCost, Reference: request.Reference ?? MovementId, RequestId: MovementId), actor);
            if (!received.IsSuccess)
            {
                // Stays Shipped: the source already issued, so the next call retries the receipt (never the issue).
                LogReceiptRefused(logger, GrainKey, received.Failure!.Code);
                return received.Failure!;
            }

            await Save(_state with { Status = TransferStatus.Completed, UpdatedAt = Now });
            LogCompleted(logger, GrainKey, request.Quantity, request.Sku, request.From, request.To);
        }

        if (_state.Status == TransferStatus.Failed)
            return new Failure(_state.FailureCode!, _state.FailureMessage!, new Dictionary<string, object?> { ["transferId"] = GrainKey });
        return TransferView.Of(_state);
    }

    /// <summary>The unit cost the destination receives at: the source's cost of goods spread over the quantity.</summary>
    public static decimal UnitCostOf(decimal costOfGoods, decimal quantity) => quantity == 0 ? 0m : costOfGoods / quantity;

    private async Task<Result<TransferView>> Fail(Failure failure)
    {
        // A refused transfer moved nothing; remember the refusal so a repeat gives the same answer.
        await Save(_state! with { Status = TransferStatus.Failed, FailureCode = failure.Code, FailureMessage = failure.Message, UpdatedAt = Now });
        return failure;
    }

    private IStockPositionGrain Position(string warehouse, string sku) =>
        GrainFactory.GetGrain<IStockPositionGrain>(new PositionKey(warehouse, sku).ToString());

    private async Task Save(TransferState state)
    {
        _version = await storage.WriteAsync(StateName, GrainKey, state, _version);
        _state = state;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {TransferId}: {Quantity} of {Sku} moved from {From} to {To}")]
    private static partial void LogCompleted(ILogger logger, string transferId, decimal quantity, string sku, string from, string to);

    [LoggerMessage(Level = LogLevel.Error, Message = "Transfer {TransferId} shipped but the destination refused the receipt: {Code}")]
    private static partial void LogReceiptRefused(ILogger logger, string transferId, string code);
}
