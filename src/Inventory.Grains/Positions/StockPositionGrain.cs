using Inventory.Domain;
using Inventory.Grains.Events;
using Inventory.Grains.Reservations;
using Inventory.Grains.Storage;
using Inventory.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.Grains.Positions;

/// <summary>
/// The actor that owns one <see cref="StockPosition"/>. Calls run one at a time against the in-memory position;
/// the runtime drains queued calls as a batch and calls <see cref="CommitBatchAsync"/> once, which writes every
/// new ledger entry plus the snapshot in one transaction before any caller of the batch is answered.
/// </summary>
public sealed partial class StockPositionGrain(
    IStockPositionStore store,
    IPositionDefaults defaults,
    IOptions<StockPositionOptions> options,
    IStreamBus streams,
    ILogger<StockPositionGrain> logger) : Grain, IStockPositionGrain, IBatchCommitting
{
    public static readonly string StreamNamespace = "stock";

    private readonly List<LedgerEntry> _pending = [];
    private readonly List<ReservationRecord> _newReservations = [];
    private StockPosition _position = null!;
    private long _persistedSequence;
    private long _recoverySequence;
    private bool _configurationChanged;
    private IDisposable? _expiryTimer;
    private DateTimeOffset? _expiryTimerDue;

    private DateTimeOffset Now => TimeProvider.UtcNowMicroseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = PositionKey.Parse(GrainKey);
        var snapshot = await store.LoadAsync(key, cancellationToken);
        if (snapshot is null)
        {
            var (method, policy) = await defaults.GetAsync(key, cancellationToken);
            _position = new StockPosition(key, method, policy)
            {
                RemovalStrategy = await defaults.GetRemovalStrategyAsync(key, cancellationToken),
            };
            _persistedSequence = 0;
        }
        else
        {
            _position = StockPosition.FromSnapshot(snapshot);
            _persistedSequence = snapshot.Sequence;
            // How old the stored recovery snapshot is, is not known here; counting from now bounds the replay.
            _recoverySequence = snapshot.Sequence;
        }

        // Reservations that expired while nobody held this position (or the service was down) go now.
        Track(_position.ExpireDue(Actor.System, Now));
        if (_pending.Count > 0)
            await CommitBatchAsync(cancellationToken);
        else
            ScheduleExpiry();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _expiryTimer?.Dispose();
        return Task.CompletedTask;
    }

    public Task<PositionView> GetAsync()
    {
        ExpireDue();
        return Task.FromResult(PositionView.Of(_position, StockPosition.Today(Now)));
    }

    public Task<StockPositionSnapshot> GetSnapshotAsync()
    {
        ExpireDue();
        return Task.FromResult(_position.ToSnapshot());
    }

    public Task<Valuation> GetValuationAsync() => Task.FromResult(_position.Value());

    public Task<PositionView> ConfigureAsync(CostingMethod? costingMethod, StockPolicy? policy)
    {
        if (costingMethod is { } method) _position.CostingMethod = method;
        if (policy is not null) _position.Policy = policy;
        _configurationChanged = true;
        return Task.FromResult(PositionView.Of(_position, StockPosition.Today(Now)));
    }

    public Task<Result<Movement>> ReceiveAsync(ReceiveStock receipt, Actor actor) =>
        Run(now => _position.Receive(receipt, actor, now));

    public Task<Result<Movement>> ReserveAsync(string reservationId, decimal quantity, DateTimeOffset expiresAt, Actor actor, string? reference,
        ReservationRecord? record = null)
    {
        var result = Run(now => _position.Reserve(reservationId, quantity, Timestamps.ToMicroseconds(expiresAt), actor, now, reference));
        // Held (or already held, a replay): the record goes out with this batch, so the answer waits for both.
        if (record is not null && result.Result.IsSuccess)
            _newReservations.Add(record);
        return result;
    }

    public Task<Result<Movement>> ExtendAsync(string reservationId, DateTimeOffset expiresAt, Actor actor) =>
        Run(now => _position.ExtendReservation(reservationId, Timestamps.ToMicroseconds(expiresAt), actor, now));

    public Task<Result<Movement>> CommitAsync(string reservationId, Actor actor) =>
        Run(now => _position.Commit(reservationId, actor, now));

    public Task<Result<Movement>> ReleaseAsync(string reservationId, Actor actor) =>
        Run(now => _position.Release(reservationId, actor, now));

    public Task<Result<Movement>> ExpireReservationAsync(string reservationId, Actor actor) =>
        Run(now => _position.ExpireReservation(reservationId, actor, now));

    public Task<Result<Movement>> AdjustAsync(decimal delta, AdjustmentReason reason, Actor actor, decimal? unitCost, string? reference, string? requestId) =>
        Run(now => _position.Adjust(delta, reason, actor, now, unitCost, reference, requestId));

    public Task<Result<Movement>> SetCountAsync(decimal counted, decimal? expectedOnHand, Actor actor, string? reference, string? requestId) =>
        Run(now => _position.SetCount(counted, expectedOnHand, actor, now, reference, requestId));

    public Task<Result<Movement>> ReturnAsync(decimal quantity, decimal? unitCost, Actor actor, string? reference, string? requestId) =>
        Run(now => _position.Return(quantity, unitCost, actor, now, reference, requestId));

    public Task<int> ExpireDueAsync() => Task.FromResult(ExpireDue());

    /// <summary>Writes the batch's entries and the snapshot in one store call; runs once per drained batch.</summary>
    public async Task CommitBatchAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0 && !_configurationChanged && _newReservations.Count == 0)
            return;

        var entries = _pending.ToArray();
        ReservationRecord[]? records = _newReservations.Count == 0 ? null : [.. _newReservations];
        var withRecovery = _persistedSequence == 0 || _configurationChanged
            || _position.Sequence - _recoverySequence >= Math.Max(options.Value.RecoveryInterval, _position.Reservations.Count / 2);
        var write = new PositionWrite(_position.ToSnapshot(withReservations: false), withRecovery ? _position.ToSnapshot() : null,
            _persistedSequence, entries, _position.NextExpiry, records);
        await store.SaveAsync(write, cancellationToken);
        _persistedSequence = _position.Sequence;
        if (withRecovery) _recoverySequence = _position.Sequence;
        _pending.Clear();
        _newReservations.Clear();
        _configurationChanged = false;
        LogBatchCommitted(logger, GrainKey, entries.Length, _position.Sequence);

        if (entries.Length > 0)
        {
            await streams.PublishAsync(new StreamId(StreamNamespace, GrainKey),
                new LedgerBatch(_position.Key, entries, _position.OnHand, _position.Reserved));
        }

        ScheduleExpiry();
    }

    private Task<Result<Movement>> Run(Func<DateTimeOffset, Result<Movement>> operation)
    {
        var now = Now;
        ExpireDue(now);
        var result = operation(now);
        if (result.IsSuccess)
            Track(result.Value);
        return Task.FromResult(result);
    }

    private int ExpireDue() => ExpireDue(Now);

    private int ExpireDue(DateTimeOffset now)
    {
        if (_position.NextExpiry is not { } next || next > now)
            return 0;
        var expired = _position.ExpireDue(Actor.System, now);
        Track(expired);
        return expired.Entries.Count;
    }

    private void Track(Movement movement)
    {
        var entries = movement.Entries;
        for (var i = 0; i < entries.Count; i++)
            _pending.Add(entries[i]);
    }

    /// <summary>A one-shot timer for the earliest expiry, so held stock returns even if nobody calls.</summary>
    private void ScheduleExpiry()
    {
        var next = _position.NextExpiry;
        if (next == _expiryTimerDue)
            return;
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        _expiryTimerDue = next;
        if (next is not { } due)
            return;

        var delay = due - Now;
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        _expiryTimer = RegisterTimer(OnExpiryTimerAsync, delay, Timeout.InfiniteTimeSpan);
    }

    private async Task OnExpiryTimerAsync(CancellationToken cancellationToken)
    {
        _expiryTimerDue = null;
        _expiryTimer = null;
        ExpireDue();
        try
        {
            await CommitBatchAsync(cancellationToken);
        }
        catch (Exception e)
        {
            // Nothing was acknowledged, but the in-memory state is now ahead of storage: drop it and reload.
            LogExpiryCommitFailed(logger, e, GrainKey);
            DeactivateOnIdle();
            return;
        }
        // A timer may fire a little before its due time and expire nothing: then it must be set again.
        ScheduleExpiry();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Position {Position} committed {Entries} entries up to sequence {Sequence}")]
    private static partial void LogBatchCommitted(ILogger logger, string position, int entries, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Position {Position} could not persist expired reservations; reloading")]
    private static partial void LogExpiryCommitFailed(ILogger logger, Exception exception, string position);
}
