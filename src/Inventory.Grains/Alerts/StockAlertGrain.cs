using Inventory.Domain;
using Inventory.Grains.Events;
using Inventory.Grains.Events.Live;
using Inventory.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Inventory.Grains.Alerts;

/// <summary>
/// Evaluates one position's alert rules on each level change. Levels come from the event (the committed ledger);
/// policy and lots from the position's last committed snapshot. State is the alerts table itself: on
/// activation the grain loads the active alerts, when each kind was last raised, and the last sequence acted on.
/// Fed by the ledger stream of its position (<see cref="LedgerStreams.PositionNamespace"/>, an implicit subscription):
/// one activation per position in the cluster, so an alert is raised once whichever node committed the change.
/// </summary>
[ImplicitStreamSubscription(LedgerStreams.PositionNamespace)]
public sealed partial class StockAlertGrain(
    IAlertStore store,
    IStockPositionStore positions,
    ISupplyCatalog supplyCatalog,
    IOptions<AlertOptions> options,
    LiveEvents live,
    TimeProvider time,
    ILogger<StockAlertGrain> logger) : Grain, IStockAlertGrain, IStreamSubscriptionObserver, IAsyncObserver<LedgerEvents>
{
    private string? _key;

    /// <summary>The grain's key, as its callers named it.</summary>
    private string GrainKey => _key ??= this.GetPrimaryKeyString();

    private static readonly TimeSpan SupplyCacheAge = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a summary read for one batch serves later batches that only moved reservations. A policy changed
    /// through the API re-evaluates at once (<see cref="ReevaluateAsync"/>); this bounds any other path.
    /// </summary>
    private static readonly TimeSpan SummaryCacheAge = TimeSpan.FromSeconds(5);

    private readonly AlertOptions _options = options.Value;
    private Dictionary<string, Alert> _active = [];
    private Dictionary<string, DateTimeOffset> _lastRaised = [];
    private long _lastSeq;
    private PositionKey _position;
    private (SupplyInfo? Info, DateTimeOffset LoadedAt)? _supply;
    private (StockPositionSnapshot Snapshot, DateTimeOffset ReadAt)? _summary; // policy and lots as last read
    private bool _onlyReservationsSinceLevel; // the entries since the last level change only moved reservations

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _position = PositionKey.Parse(GrainKey);
        var loaded = await store.LoadPositionAsync(_position, cancellationToken);
        _active = new Dictionary<string, Alert>(loaded.Active, StringComparer.Ordinal);
        _lastRaised = new Dictionary<string, DateTimeOffset>(loaded.LastRaised, StringComparer.Ordinal);
        _lastSeq = loaded.LastSeq;
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<LedgerEvents>().ResumeAsync(this);

    /// <summary>
    /// The position's events of one read of the ledger, in ledger order: each level change is evaluated, knowing
    /// whether the entries before it only moved reservations (then lots and policy are as last read). Throwing makes
    /// the stream deliver the same events again (they are dropped by sequence where already evaluated).
    /// </summary>
    public async Task OnNextAsync(LedgerEvents item, StreamSequenceToken? token = null)
    {
        foreach (var e in item.Events)
        {
            if (e.Type == InventoryEventTypes.LevelChanged)
            {
                await EvaluateAsync(e, _onlyReservationsSinceLevel);
                _onlyReservationsSinceLevel = true;
            }
            else if (e.Type is not (InventoryEventTypes.StockReserved or InventoryEventTypes.StockReleased
                or InventoryEventTypes.StockExpired or InventoryEventTypes.StockExtended))
            {
                _onlyReservationsSinceLevel = false;
            }
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task<IReadOnlyList<Alert>> GetActiveAsync() => Task.FromResult<IReadOnlyList<Alert>>([.. _active.Values.OrderBy(a => a.Id)]);

    public async Task<IReadOnlyList<AlertEvent>> EvaluateAsync(StockEvent level, bool onlyReservations = false)
    {
        if (level.LedgerSeq <= _lastSeq)
            return [];
        var snapshot = onlyReservations && _summary is { } summary && time.GetUtcNow() - summary.ReadAt < SummaryCacheAge
            ? summary.Snapshot
            : await SnapshotAsync();
        var events = await ApplyAsync(level.OnHand, level.Reserved, snapshot, level.LedgerSeq, AlertKinds.All);
        _lastSeq = level.LedgerSeq;
        return events;
    }

    public async Task<IReadOnlyList<AlertEvent>> ReevaluateAsync()
    {
        var snapshot = await SnapshotAsync();
        return await ApplyAsync(snapshot.OnHand, snapshot.Reserved, snapshot, _lastSeq, AlertKinds.All);
    }

    public async Task<IReadOnlyList<AlertEvent>> ReevaluateLotsAsync()
    {
        var snapshot = await SnapshotAsync();
        return await ApplyAsync(snapshot.OnHand, snapshot.Reserved, snapshot, _lastSeq, [AlertKinds.ExpiringLots]);
    }

    /// <summary>Raises what holds (unless throttled) and resolves what cleared, for the given kinds; publishes the events.</summary>
    private async Task<List<AlertEvent>> ApplyAsync(decimal onHand, decimal reserved, StockPositionSnapshot snapshot, long seq,
        IReadOnlyList<string> kinds)
    {
        var now = time.UtcNowMicroseconds();
        var supply = await SupplyAsync(now);
        var holding = AlertRules.Evaluate(onHand, reserved, snapshot.Policy, snapshot.Layers, supply,
                DateOnly.FromDateTime(now.UtcDateTime), _options)
            .ToDictionary(c => c.Kind, StringComparer.Ordinal);

        var events = new List<AlertEvent>();
        foreach (var kind in kinds)
        {
            var active = _active.GetValueOrDefault(kind);
            if (holding.TryGetValue(kind, out var condition))
            {
                if (active is not null)
                    continue;
                if (_lastRaised.TryGetValue(kind, out var last) && now - last < _options.ThrottleWindow)
                {
                    LogThrottled(logger, GrainKey, kind, last);
                    continue;
                }
                var (alert, raised) = await store.RaiseAsync(new Alert(0, _position.Warehouse, _position.Sku, kind, condition.Severity,
                    AlertStatuses.Open, condition.Message, condition.Details, now, seq));
                _active[kind] = alert;
                if (!raised)
                    continue;
                _lastRaised[kind] = alert.RaisedAt;
                events.Add(new AlertEvent(InventoryEventTypes.AlertRaised, AlertEvent.CurrentVersion, alert, seq));
                LogRaised(logger, alert.Id, GrainKey, kind, alert.Severity);
            }
            else if (active is not null)
            {
                _active.Remove(kind);
                var resolved = await store.ResolveAsync(active.Id, now, seq);
                if (resolved is null)
                    continue;
                events.Add(new AlertEvent(InventoryEventTypes.AlertResolved, AlertEvent.CurrentVersion, resolved, seq));
                LogResolved(logger, resolved.Id, GrainKey, kind);
            }
        }

        await live.PublishAsync(events);
        return events;
    }

    /// <summary>
    /// Policy and lots from the last committed snapshot, read from the store rather than asked of the position grain,
    /// so alert evaluation never queues in a hot position's mailbox. The summary is enough (levels, policy, lots) and
    /// costs one row read, where the full state would replay the ledger since the last recovery snapshot. Kept for
    /// batches that only move reservations, which change neither lots nor policy.
    /// </summary>
    private async Task<StockPositionSnapshot> SnapshotAsync()
    {
        var snapshot = await positions.LoadSummaryAsync(_position) ?? new StockPosition(_position).ToSnapshot();
        _summary = (snapshot, time.GetUtcNow());
        return snapshot;
    }

    private async ValueTask<SupplyInfo?> SupplyAsync(DateTimeOffset now)
    {
        if (_supply is { } cached && now - cached.LoadedAt < SupplyCacheAge)
            return cached.Info;
        var info = await supplyCatalog.GetAsync(_position.Sku);
        _supply = (info, now);
        return info;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Id} raised for {Position}: {Kind} ({Severity})")]
    private static partial void LogRaised(ILogger logger, long id, string position, string kind, string severity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Id} of {Position} resolved: {Kind} cleared")]
    private static partial void LogResolved(ILogger logger, long id, string position, string kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert {Kind} of {Position} throttled: last raised at {LastRaised}")]
    private static partial void LogThrottled(ILogger logger, string position, string kind, DateTimeOffset lastRaised);
}
