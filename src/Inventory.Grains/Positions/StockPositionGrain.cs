using Inventory.Domain;
using Inventory.Domain.Reservations;
using Inventory.Grains.Events;
using Inventory.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Inventory.Grains.Positions;

/// <summary>
/// The grain that owns one <see cref="StockPosition"/> (key "WAREHOUSE/SKU"). It is reentrant so that many calls share
/// one write (group commit): each call validates and applies its change to memory, then waits in the
/// <see cref="CommitQueue"/> until the write carrying its ledger entries has committed; one write is in flight at a
/// time and the calls arriving meanwhile form the next one.
/// </summary>
/// <remarks>
/// THE RULE for every method here: no <c>await</c> before the state change. A call reads and changes
/// <see cref="_position"/> synchronously (so calls cannot interleave inside a change), then awaits
/// <see cref="WhenChangesDurableAsync"/> (it changed something: that also withdraws the view published for reads in this
/// silo) or <see cref="CommitQueue.WhenAllDurableAsync"/> (it only read: its answer must not show state that is not
/// durable yet). <see cref="Durable{T}"/> picks the right one. An <c>await</c> before the change would let
/// another call run in between and decide on state that is about to change. Never <c>ConfigureAwait(false)</c> here.
/// If a write fails (or finds the stored version moved on), every call applied after the last good write fails and the
/// activation deactivates; the next call loads the position from storage again.
/// </remarks>
[Reentrant]
public sealed partial class StockPositionGrain(
    IStockPositionStore store,
    IPositionDefaults defaults,
    IOptions<StockPositionOptions> options,
    IStreamBus streams,
    ActivePositions activity,
    CommitMetrics metrics,
    TimeProvider time,
    ILogger<StockPositionGrain> logger) : Grain, IStockPositionGrain
{
    public static readonly string StreamNamespace = "stock";

    private readonly List<LedgerEntry> _pending = [];
    private readonly List<ReservationRecord> _newReservations = [];
    private string _key = null!;
    private CommitQueue _commits = null!;
    private ActivePositions.Calls _calls = null!;
    private StockPosition _position = null!;
    private long _persistedSequence;
    private long _recoverySequence;
    private bool _configurationChanged;
    private IGrainTimer? _expiryTimer;
    private DateTimeOffset? _expiryTimerDue;

    private DateTimeOffset Now => time.UtcNowMicroseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = this.GetPrimaryKeyString();
        _commits = new CommitQueue(WriteAsync, OnWriteFailed);
        var key = PositionKey.Parse(_key);
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
        _calls = activity.Add(_key);

        // Reservations that expired while nobody held this position (or the service was down) go now.
        Track(_position.ExpireDue(Actor.System, Now));
        if (_pending.Count > 0)
            await WhenChangesDurableAsync();
        else
            ScheduleExpiry();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _expiryTimer?.Dispose();
        if (_calls is not null) activity.Remove(_key, _calls);
        return Task.CompletedTask;
    }

    public Task<PositionView> GetAsync()
    {
        var now = Now;
        ExpireDue(now);
        var view = PositionView.Of(_position, StockPosition.Today(now));
        // Everything in memory is durable: the silo may answer the next reads of this position with this view, without
        // a call, until something changes (WhenChangesDurableAsync withdraws it) or time alone would change the answer.
        if (!HasUnwritten && _commits.Settled)
            _calls.Publish(view, ValidUntil(now));
        return Durable(view);
    }

    /// <summary>When a view taken at <paramref name="now"/> stops being the answer without any call: the next reservation expiry, or the next day.</summary>
    private DateTimeOffset ValidUntil(DateTimeOffset now)
    {
        var nextDay = new DateTimeOffset(StockPosition.Today(now).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return _position.NextExpiry is { } expiry && expiry < nextDay ? expiry : nextDay;
    }

    /// <summary>Applied to memory and not yet handed to a write.</summary>
    private bool HasUnwritten => _pending.Count > 0 || _configurationChanged || _newReservations.Count > 0;

    public Task<StockPositionSnapshot> GetSnapshotAsync()
    {
        ExpireDue();
        return Durable(_position.ToSnapshot());
    }

    public Task<Valuation> GetValuationAsync() => Durable(_position.Value());

    public Task<PositionView> ConfigureAsync(CostingMethod? costingMethod, StockPolicy? policy)
    {
        if (costingMethod is { } method) _position.CostingMethod = method;
        if (policy is not null) _position.Policy = policy;
        _configurationChanged = true;
        return Durable(PositionView.Of(_position, StockPosition.Today(Now)));
    }

    public Task<Result<Movement>> ReceiveAsync(ReceiveStock receipt, Actor actor) =>
        Run(now => _position.Receive(receipt, actor, now));

    public Task<Result<Movement>> ReserveAsync(string reservationId, decimal quantity, DateTimeOffset expiresAt, Actor actor, string? reference,
        ReservationRecord? record = null)
    {
        var now = Now;
        ExpireDue(now);
        var result = _position.Reserve(reservationId, quantity, Timestamps.ToMicroseconds(expiresAt), actor, now, reference);
        if (result.IsSuccess)
        {
            Track(result.Value);
            // Held (or already held, a replay): the record goes out with this batch, so the answer waits for both.
            if (record is not null) _newReservations.Add(record);
        }
        return Durable(result);
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

    public Task<int> ExpireDueAsync() => Durable(ExpireDue());

    /// <summary>
    /// The commit queue's write: everything applied since the last write, as one store call (ledger entries, the
    /// summary snapshot, now and then the recovery snapshot, new reservation records). Taken synchronously before the
    /// first await, so changes applied while it runs go to the next write.
    /// </summary>
    private async Task WriteAsync()
    {
        if (_pending.Count == 0 && !_configurationChanged && _newReservations.Count == 0)
            return;

        var entries = _pending.ToArray();
        ReservationRecord[]? records = _newReservations.Count == 0 ? null : [.. _newReservations];
        var sequence = _position.Sequence;
        var withRecovery = _persistedSequence == 0 || _configurationChanged
            || sequence - _recoverySequence >= Math.Max(options.Value.RecoveryInterval, _position.Reservations.Count / 2);
        var summary = _position.ToSnapshot(withReservations: false);
        var today = StockPosition.Today(Now);
        var write = new PositionWrite(summary, withRecovery ? _position.ToSnapshot() : null, _persistedSequence, entries,
            _position.NextExpiry, records, _position.AvailableOn(today), StockPosition.AvailableChangesOn(summary.Layers, today));
        var levels = new LedgerBatch(_position.Key, entries, _position.OnHand, _position.Reserved);
        _pending.Clear();
        _newReservations.Clear();
        _configurationChanged = false;

        var started = time.GetTimestamp();
        await store.SaveAsync(write);
        metrics.Written(entries.Length, time.GetElapsedTime(started));
        _persistedSequence = sequence;
        if (withRecovery) _recoverySequence = sequence;
        LogBatchCommitted(logger, _key, entries.Length, sequence);

        if (entries.Length > 0)
            await streams.PublishAsync(new Events.StreamId(StreamNamespace, _key), levels);

        ScheduleExpiry();
    }

    /// <summary>Memory is ahead of storage now: drop this activation; the next call reloads from PostgreSQL.</summary>
    private void OnWriteFailed(Exception exception)
    {
        metrics.Failed();
        _calls.Withdraw();
        LogWriteFailed(logger, exception, _key);
        DeactivateOnIdle();
    }

    /// <summary>
    /// Answers once everything applied so far is durable: a change waits for the write that carries it, a read (or a
    /// refusal, or a replay) for the writes of everything it saw.
    /// </summary>
    private async Task<T> Durable<T>(T answer)
    {
        _calls.Started(time.GetTimestamp());
        try
        {
            if (HasUnwritten)
                await WhenChangesDurableAsync();
            else
                await _commits.WhenAllDurableAsync();
            return answer;
        }
        finally
        {
            _calls.Answered();
        }
    }

    /// <summary>
    /// Every change waits here, called in the turn that applied it: the silo's published view no longer matches memory,
    /// so it is withdrawn before the first await; then the change waits for its write.
    /// </summary>
    private Task WhenChangesDurableAsync()
    {
        _calls.Withdraw();
        return _commits.WhenDurableAsync();
    }

    private Task<Result<Movement>> Run(Func<DateTimeOffset, Result<Movement>> operation)
    {
        var now = Now;
        ExpireDue(now);
        var result = operation(now);
        if (result.IsSuccess)
            Track(result.Value);
        return Durable(result);
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

    /// <summary>A one-shot grain timer for the earliest expiry, so held stock returns even if nobody calls.</summary>
    private void ScheduleExpiry()
    {
        var next = _position.NextExpiry;
        if (next == _expiryTimerDue)
            return;
        _expiryTimerDue = next;
        if (next is not { } due)
        {
            _expiryTimer?.Dispose();
            _expiryTimer = null;
            return;
        }

        var delay = due - Now;
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        if (_expiryTimer is null)
            _expiryTimer = this.RegisterGrainTimer(OnExpiryTimerAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));
        else
            _expiryTimer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A tick is a change like any call: it applies the expiries, then waits for their write in the same queue.</summary>
    private async Task OnExpiryTimerAsync(CancellationToken cancellationToken)
    {
        _expiryTimerDue = null;
        ExpireDue();
        try
        {
            await WhenChangesDurableAsync();
        }
        catch (Exception)
        {
            return; // nothing was acknowledged; OnWriteFailed has dropped the activation
        }
        // A timer may fire a little before its due time and expire nothing: then it must be set again.
        ScheduleExpiry();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Position {Position} committed {Entries} entries up to sequence {Sequence}")]
    private static partial void LogBatchCommitted(ILogger logger, string position, int entries, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Position {Position} could not write its batch; its callers fail and it reloads")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string position);
}
