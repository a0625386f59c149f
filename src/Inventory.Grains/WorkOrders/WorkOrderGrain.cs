using Inventory.Domain;
using Inventory.Domain.Manufacturing;
using Inventory.Domain.Reservations;
using Inventory.Grains.Positions;
using Inventory.Grains.Reservations;
using Inventory.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.Grains.WorkOrders;

/// <summary>
/// Runs one work order. Materials are held by a <see cref="IReservationGrain"/> ("wo:{id}": all lines or none, its
/// commit charges each line's cost of goods from its cost layers); the finished goods are received through
/// <see cref="IStockPositionGrain"/> with request id "wo:{id}" at the material cost spread over the quantity. The state
/// is saved before each step and every step is idempotent by the id, so a repeated call finishes an interrupted one.
/// </summary>
public sealed partial class WorkOrderGrain(IWorkOrderStore store, IOptions<WorkOrderOptions> options, TimeProvider time,
    ILogger<WorkOrderGrain> logger)
    : Grain, IWorkOrderGrain
{
    private string? _key;

    /// <summary>The grain's key, as its callers named it.</summary>
    private string GrainKey => _key ??= this.GetPrimaryKeyString();

    private readonly WorkOrderOptions _options = options.Value;
    private WorkOrderState? _state;
    private long _version;

    private DateTimeOffset Now => time.UtcNowMicroseconds();

    private string ReservationId => ReservationIdOf(GrainKey);

    public static string ReservationIdOf(string workOrderId) => "wo:" + workOrderId;

    /// <summary>The unit cost of the finished goods: the material cost spread over the quantity made.</summary>
    public static decimal UnitCostOf(decimal materialCost, decimal quantity) => quantity == 0 ? 0m : materialCost / quantity;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(GrainKey, cancellationToken) is { } stored)
            (_state, _version) = stored;
    }

    public Task<WorkOrderView?> GetAsync() => Task.FromResult(_state is null ? null : WorkOrderView.Of(_state));

    public async Task<Result<WorkOrderView>> CreateAsync(WorkOrderRequest request, Actor actor)
    {
        if (_state is null)
        {
            var now = Now;
            await Save(new WorkOrderState(GrainKey, request, WorkOrderStatus.Pending, null, null, null, null, null, actor.User, now, now));
        }
        else if (!_state.Request.SameAs(request))
        {
            return new Failure(ManufacturingErrorCodes.WorkOrderConflict, $"Work order '{GrainKey}' already exists with different content.",
                new Dictionary<string, object?> { ["workOrderId"] = GrainKey });
        }

        if (_state!.Status == WorkOrderStatus.Pending)
        {
            var lines = request.Materials.Select(m => new ReservationLineRequest(m.Warehouse, m.Sku, m.Quantity)).ToList();
            var reserved = await Reservation().CreateAsync(new CreateReservation(lines, _options.MaterialHold, "work-order:" + GrainKey), actor);
            if (!reserved.IsSuccess)
            {
                var failure = reserved.Failure!;
                var shortages = failure.Details?.GetValueOrDefault("lines") as IReadOnlyList<LineShortage>;
                await Save(_state with
                {
                    Status = WorkOrderStatus.Failed,
                    Shortages = shortages,
                    FailureCode = failure.Code,
                    FailureMessage = failure.Message,
                    UpdatedAt = Now,
                });
                return failure;
            }

            await Save(_state with { Status = WorkOrderStatus.Reserved, UpdatedAt = Now });
        }

        if (_state.Status == WorkOrderStatus.Failed)
        {
            return new Failure(_state.FailureCode!, _state.FailureMessage!, new Dictionary<string, object?>
            {
                ["workOrderId"] = GrainKey,
                ["lines"] = _state.Shortages ?? [],
            });
        }

        return WorkOrderView.Of(_state);
    }

    public async Task<Result<WorkOrderView>> CompleteAsync(Actor actor)
    {
        if (_state is null) return NotFound();
        switch (_state.Status)
        {
            case WorkOrderStatus.Completed:
                return WorkOrderView.Of(_state);
            case WorkOrderStatus.Reserved:
                await Save(_state with { Status = WorkOrderStatus.Completing, UpdatedAt = Now });
                break;
            case WorkOrderStatus.Completing:
                break;
            default:
                return InvalidTransition(WorkOrderStatus.Completed);
        }

        if (_state.MaterialCost is null)
        {
            var committed = await Reservation().CommitAsync(actor);
            if (!committed.IsSuccess)
            {
                // Nothing was consumed (e.g. the materials' hold expired): back to Reserved, so it can be cancelled.
                if (committed.Failure!.Code is ErrorCodes.ReservationNotActive or ErrorCodes.ReservationNotFound)
                    await Save(_state with { Status = WorkOrderStatus.Reserved, UpdatedAt = Now });
                return committed.Failure!;
            }

            var view = committed.Value;
            await Save(_state with { MaterialCost = view.CostOfGoods ?? 0m, MaterialLines = view.Lines, UpdatedAt = Now });
        }

        var request = _state.Request;
        var unitCost = UnitCostOf(_state.MaterialCost!.Value, request.Quantity);
        var received = await GrainFactory.GetGrain<IStockPositionGrain>(new PositionKey(request.Warehouse, request.Sku).ToString()).ReceiveAsync(
            new ReceiveStock(request.Quantity, unitCost, Reference: request.Reference ?? "work-order:" + GrainKey, RequestId: ReservationId), actor);
        if (!received.IsSuccess)
        {
            // Stays Completing: the materials are consumed, so the next call retries the receipt (never the commit).
            LogReceiptRefused(logger, GrainKey, received.Failure!.Code);
            return received.Failure!;
        }

        await Save(_state with { Status = WorkOrderStatus.Completed, UpdatedAt = Now });
        LogCompleted(logger, GrainKey, request.Quantity, request.Sku, _state.MaterialCost.Value);
        return WorkOrderView.Of(_state);
    }

    public async Task<Result<WorkOrderView>> CancelAsync(Actor actor)
    {
        if (_state is null) return NotFound();
        switch (_state.Status)
        {
            case WorkOrderStatus.Cancelled:
                return WorkOrderView.Of(_state);
            case WorkOrderStatus.Reserved:
                var released = await Reservation().ReleaseAsync(actor);
                // A hold that already expired holds nothing: cancelling it is still a cancellation.
                if (!released.IsSuccess && released.Failure!.Code is not (ErrorCodes.ReservationNotActive or ErrorCodes.ReservationNotFound))
                    return released.Failure!;
                await Save(_state with { Status = WorkOrderStatus.Cancelled, UpdatedAt = Now });
                return WorkOrderView.Of(_state);
            default:
                return InvalidTransition(WorkOrderStatus.Cancelled);
        }
    }

    private IReservationGrain Reservation() => GrainFactory.GetGrain<IReservationGrain>(ReservationId);

    private Failure NotFound() =>
        new(ManufacturingErrorCodes.WorkOrderNotFound, $"Work order '{GrainKey}' does not exist.",
            new Dictionary<string, object?> { ["workOrderId"] = GrainKey });

    private Failure InvalidTransition(WorkOrderStatus to) =>
        new(ErrorCodes.InvalidTransition,
            $"Work order '{GrainKey}' is {Name(_state!.Status)} and cannot become {Name(to)}.",
            new Dictionary<string, object?> { ["workOrderId"] = GrainKey, ["from"] = Name(_state.Status), ["to"] = Name(to) });

    private static string Name(WorkOrderStatus status) => status.ToString().ToLowerInvariant();

    private async Task Save(WorkOrderState state)
    {
        _version = await store.SaveAsync(state, _version);
        _state = state;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work order {WorkOrderId}: {Quantity} of {Sku} made from materials costing {MaterialCost}")]
    private static partial void LogCompleted(ILogger logger, string workOrderId, decimal quantity, string sku, decimal materialCost);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work order {WorkOrderId} consumed its materials but the finished goods receipt was refused: {Code}")]
    private static partial void LogReceiptRefused(ILogger logger, string workOrderId, string code);
}
