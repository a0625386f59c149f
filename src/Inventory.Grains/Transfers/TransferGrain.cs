using Inventory.Domain;
using Inventory.Grains.Positions;
using Inventory.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Inventory.Grains.Transfers;

/// <summary>
/// Moves stock between two positions exactly once, in steps that each run only after the record says they will:
/// <list type="number">
/// <item>pending: the source ships ("transfer:{id}:ship"); the goods leave with their layers (cost and lot) and the
/// record keeps them as in transit. A refusal there fails the transfer with nothing moved.</item>
/// <item>receiving: a receipt (which lines, by whom) is recorded, then the destination receives those lines as layers
/// at the same cost ("transfer:{id}:receive:{n}").</item>
/// <item>closing: what is still in transit is recorded as lost at the destination ("transfer:{id}:close").</item>
/// </list>
/// Each position step is idempotent by its request id, so running a recorded step again (a retried call, or the
/// recovery sweep after the process died between steps) replays it at the position instead of moving stock twice.
/// </summary>
public sealed partial class TransferGrain(ITransferStore store, TimeProvider time, ILogger<TransferGrain> logger) : Grain, ITransferGrain
{
    private string? _key;

    /// <summary>The grain's key, as its callers named it.</summary>
    private string GrainKey => _key ??= this.GetPrimaryKeyString();

    public const string DefaultLossReason = "transit_loss";

    private TransferRecord? _record;
    private long _version;

    private DateTimeOffset Now => time.UtcNowMicroseconds();

    private string MovementReference => _record!.Request.Reference ?? "transfer:" + GrainKey;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(GrainKey, cancellationToken) is { } loaded)
            (_record, _version) = loaded;
    }

    public Task<TransferView?> GetAsync() => Task.FromResult(_record is null ? null : TransferView.Of(_record));

    public async Task<Result<TransferView>> CreateAsync(TransferRequest request, Actor actor)
    {
        if (_record is null)
        {
            var now = Now;
            await Save(new TransferRecord(GrainKey, request, TransferStatus.Pending, actor, now, now, [], null, [], []));
        }
        else if (_record.Request != request)
        {
            return new Failure(TransferErrorCodes.TransferConflict, $"Transfer '{GrainKey}' already exists with different content.",
                new Dictionary<string, object?> { ["transferId"] = GrainKey });
        }

        return await RollForward();
    }

    public async Task<Result<TransferView>> ReceiveAsync(TransferReceiptRequest receipt, Actor actor)
    {
        if (_record is null)
            return NotFound();
        // A receipt recorded before a crash is finished first; then a repeat of it (same key) is answered as it was.
        if (await FinishStep() is { } unfinished)
            return unfinished;
        if (receipt.RequestKey is { } key && _record.Receipts.Any(r => r.RequestKey == key))
            return TransferView.Of(_record);
        if (_record.Status != TransferStatus.InTransit)
            return NotInTransit();
        if (receipt.Lots is not { Count: > 0 } && receipt.Quantity is not > 0)
            return Failure.InvalidQuantity(receipt.Quantity ?? 0m);
        if (TransitLines.Take(_record.InTransit, receipt.Quantity, receipt.Lots) is not { } split)
            return Exceeded(receipt);

        var pending = new TransferReceipt(_record.Receipts.Count + 1, split.Taken, actor, Now, receipt.RequestKey);
        await Save(_record with
        {
            Status = TransferStatus.Receiving,
            PendingReceipt = pending,
            CloseReason = receipt.Close ? receipt.Reason ?? DefaultLossReason : null,
            UpdatedAt = Now,
        });
        return await RollForward();
    }

    public async Task<Result<TransferView>> CloseAsync(string? reason, Actor actor)
    {
        if (_record is null)
            return NotFound();
        if (await FinishStep() is { } unfinished)
            return unfinished;
        if (_record.Status == TransferStatus.Completed)
            return TransferView.Of(_record);
        if (_record.Status != TransferStatus.InTransit)
            return NotInTransit();

        await Save(_record with
        {
            Status = TransferStatus.Closing,
            CloseReason = reason ?? DefaultLossReason,
            Loss = new TransferLoss(_record.InTransit, reason ?? DefaultLossReason, actor, Now),
            UpdatedAt = Now,
        });
        return await RollForward();
    }

    public async Task<TransferView?> RecoverAsync()
    {
        if (_record is null)
            return null;
        var before = _record.Status;
        var result = await RollForward();
        if (before != _record.Status)
            LogRecovered(logger, GrainKey, TransferRecord.StatusName(before), TransferRecord.StatusName(_record.Status));
        else if (!result.IsSuccess)
            LogStepRefused(logger, GrainKey, TransferRecord.StatusName(before), result.Failure!.Code);
        return TransferView.Of(_record);
    }

    /// <summary>Finishes a step recorded earlier (shipment, receipt, close), so a new one starts from rest.</summary>
    private async Task<Failure?> FinishStep() =>
        _record!.Status is TransferStatus.Pending or TransferStatus.Receiving or TransferStatus.Closing
            && await RollForward() is { IsSuccess: false } unfinished
            ? unfinished.Failure
            : null;

    /// <summary>Runs recorded steps until the transfer rests (in transit, completed or failed) or a step is refused.</summary>
    private async Task<Result<TransferView>> RollForward()
    {
        while (true)
        {
            var record = _record!;
            switch (record.Status)
            {
                case TransferStatus.Pending:
                    if (await Ship(record) is { } refused)
                        return refused;
                    break;
                case TransferStatus.Receiving:
                    if (await Receive(record) is { } notReceived)
                        return notReceived;
                    break;
                case TransferStatus.Closing:
                    if (await RecordLoss(record) is { } notClosed)
                        return notClosed;
                    break;
                case TransferStatus.Failed:
                    return new Failure(record.FailureCode!, record.FailureMessage!, new Dictionary<string, object?> { ["transferId"] = GrainKey });
                default:
                    return TransferView.Of(record);
            }
        }
    }

    private async Task<Failure?> Ship(TransferRecord record)
    {
        var request = record.Request;
        var shipped = await Position(request.From, request.Sku).ShipAsync(request.Quantity, record.CreatedBy, MovementReference, StepId("ship"));
        if (!shipped.IsSuccess)
        {
            // Refused at the source: nothing moved. Remember the refusal so a repeat gives the same answer.
            var failure = shipped.Failure!;
            await Save(record with { Status = TransferStatus.Failed, FailureCode = failure.Code, FailureMessage = failure.Message, UpdatedAt = Now });
            return failure;
        }

        var inTransit = shipped.Value.Draws;
        var next = record with
        {
            Status = TransferStatus.InTransit,
            Shipped = inTransit,
            InTransit = inTransit,
            CostOfGoods = shipped.Value.CostOfGoods,
            UpdatedAt = Now,
        };
        if (request.AutoReceive)
            next = next with { Status = TransferStatus.Receiving, PendingReceipt = new TransferReceipt(1, inTransit, record.CreatedBy, Now) };
        await Save(next);
        LogShipped(logger, GrainKey, request.Quantity, request.Sku, request.From, shipped.Value.CostOfGoods);
        return null;
    }

    private async Task<Failure?> Receive(TransferRecord record)
    {
        var receipt = record.PendingReceipt!;
        var received = await Position(record.Request.To, record.Request.Sku)
            .ReceiveTransferAsync(receipt.Lines, receipt.ReceivedBy, MovementReference, StepId("receive:" + receipt.Number));
        if (!received.IsSuccess)
        {
            // Stays receiving: the goods left the source, so the receipt is retried (never the shipment).
            LogReceiptRefused(logger, GrainKey, received.Failure!.Code);
            return received.Failure!;
        }

        var left = TransitLines.Subtract(record.InTransit, receipt.Lines);
        var next = record with
        {
            InTransit = left,
            Receipts = [.. record.Receipts, receipt],
            PendingReceipt = null,
            UpdatedAt = Now,
        };
        next = left.Count == 0
            ? next with { Status = TransferStatus.Completed }
            : record.CloseReason is { } reason
                ? next with { Status = TransferStatus.Closing, Loss = new TransferLoss(left, reason, receipt.ReceivedBy, Now) }
                : next with { Status = TransferStatus.InTransit };
        await Save(next);
        LogReceived(logger, GrainKey, receipt.Quantity, record.Request.To, next.InTransitQuantity);
        return null;
    }

    private async Task<Failure?> RecordLoss(TransferRecord record)
    {
        var loss = record.Loss!;
        var recorded = await Position(record.Request.To, record.Request.Sku)
            .RecordTransitLossAsync(loss.Lines, loss.Reason, loss.ClosedBy, MovementReference, StepId("close"));
        if (!recorded.IsSuccess)
        {
            LogReceiptRefused(logger, GrainKey, recorded.Failure!.Code);
            return recorded.Failure!;
        }

        await Save(record with { Status = TransferStatus.Completed, InTransit = [], UpdatedAt = Now });
        LogClosedShort(logger, GrainKey, loss.Quantity, loss.Value, loss.Reason);
        return null;
    }

    private string StepId(string step) => $"transfer:{GrainKey}:{step}";

    private IStockPositionGrain Position(string warehouse, string sku) =>
        GrainFactory.GetGrain<IStockPositionGrain>(new PositionKey(warehouse, sku).ToString());

    private async Task Save(TransferRecord record)
    {
        _version = await store.SaveAsync(record, _version);
        _record = record;
    }

    private Failure NotFound() =>
        new(TransferErrorCodes.TransferNotFound, $"Transfer '{GrainKey}' does not exist.", new Dictionary<string, object?> { ["transferId"] = GrainKey });

    private Failure NotInTransit() =>
        new(TransferErrorCodes.TransferNotInTransit,
            $"Transfer '{GrainKey}' is {TransferRecord.StatusName(_record!.Status)}: nothing is in transit to receive or close.",
            new Dictionary<string, object?> { ["transferId"] = GrainKey, ["status"] = TransferRecord.StatusName(_record.Status) });

    private Failure Exceeded(TransferReceiptRequest receipt) =>
        new(TransferErrorCodes.TransitExceeded,
            $"Transfer '{GrainKey}' has {_record!.InTransitQuantity} in transit; the receipt asks for more (in all or of one lot).",
            new Dictionary<string, object?>
            {
                ["transferId"] = GrainKey,
                ["inTransit"] = _record.InTransitQuantity,
                ["requested"] = receipt.Lots is { Count: > 0 } lots ? lots.Sum(l => l.Quantity) : receipt.Quantity,
            });

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {TransferId}: {Quantity} of {Sku} shipped from {From} at {CostOfGoods}")]
    private static partial void LogShipped(ILogger logger, string transferId, decimal quantity, string sku, string from, decimal costOfGoods);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {TransferId}: {Quantity} received at {To}; {InTransit} still in transit")]
    private static partial void LogReceived(ILogger logger, string transferId, decimal quantity, string to, decimal inTransit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer {TransferId} closed short: {Quantity} worth {Value} lost ({Reason})")]
    private static partial void LogClosedShort(ILogger logger, string transferId, decimal quantity, decimal value, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Transfer {TransferId} shipped but the destination refused a step: {Code}")]
    private static partial void LogReceiptRefused(ILogger logger, string transferId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer {TransferId} recovered from {From} to {To}")]
    private static partial void LogRecovered(ILogger logger, string transferId, string from, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer {TransferId} is still {Status} after recovery: {Code}")]
    private static partial void LogStepRefused(ILogger logger, string transferId, string status, string code);
}
