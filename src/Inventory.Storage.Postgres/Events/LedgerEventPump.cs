using System.Diagnostics;
using Inventory.Domain;
using Inventory.Grains.Events;
using Inventory.Grains.Positions;
using Inventory.Storage.Postgres.Grains;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inventory.Storage.Postgres.Events;

/// <summary>
/// Turns the committed ledger into live events. It reads <c>stock_ledger WHERE seq &gt; cursor ORDER BY seq</c>,
/// maps the rows (<see cref="StockEventMapper"/>), hands them to every checkpointed <see cref="IEventConsumer"/>
/// (saving each one's checkpoint in event_checkpoints after it succeeds) and publishes them on the stream bus
/// (<see cref="EventStreams"/>). Only committed rows can be read, so no event describes an uncommitted change.
/// </summary>
/// <remarks>
/// <para>Latency: every batch a position grain commits is published on the "stock" stream after COMMIT; that wakes
/// the pump at once. Otherwise it polls every <see cref="LedgerEventPumpOptions.PollInterval"/>.</para>
/// <para>Restarts: each consumer resumes after its own checkpoint, so it misses nothing (at least once: a crash
/// between handling and saving repeats that batch). The bus is live-only: it receives rows past the ledger's end
/// as it was when the pump started.</para>
/// <para>Gaps: identity values are assigned at INSERT and become visible at COMMIT, so seq n+1 can be visible while
/// seq n is not yet (or never, after a rollback). The pump delivers only a gap-free prefix; at a hole it waits up to
/// <see cref="LedgerEventPumpOptions.GapTimeout"/> for the missing row, then moves past it. Rows at or below
/// <see cref="SettledThrough"/> are settled: present or given up.</para>
/// </remarks>
public sealed partial class LedgerEventPump : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly NpgsqlDataSource _dataSource;
    private readonly EventCheckpointStore _checkpoints;
    private readonly IStreamBus _bus;
    private readonly LedgerEventPumpOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LedgerEventPump> _logger;
    private readonly Cursor[] _consumers;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _settled;
    private long _busCursor;
    private long? _gapSeq;
    private long _gapSince;

    public LedgerEventPump(
        NpgsqlDataSource dataSource,
        IEnumerable<IEventConsumer> consumers,
        IStreamBus bus,
        IOptions<LedgerEventPumpOptions> options,
        TimeProvider time,
        ILogger<LedgerEventPump> logger)
    {
        _dataSource = dataSource;
        _checkpoints = new EventCheckpointStore(dataSource);
        _bus = bus;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _consumers = [.. consumers.Select(c => new Cursor(c))];
        var duplicate = _consumers.GroupBy(c => c.Consumer.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two event consumers are named '{duplicate.Key}'; names key their checkpoints.");
    }

    /// <summary>Every ledger seq at or below this has been delivered or given up as a gap.</summary>
    public long SettledThrough => Interlocked.Read(ref _settled);

    /// <summary>Completes once the checkpoints are loaded and the pump is reading.</summary>
    public Task Started => _started.Task;

    /// <summary>
    /// The stored checkpoint of a consumer (through which it has processed, durably recorded), or null for an unknown
    /// name; -1 before the first one is stored.
    /// </summary>
    public long? CheckpointOf(string consumer) =>
        _consumers.FirstOrDefault(c => c.Consumer.Name == consumer) is { } cursor ? Interlocked.Read(ref cursor.SavedSeq) : null;

    /// <summary>Asks for a read now (also done by every commit of this process).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount > 0)
            return;
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var wakeOnCommit = _bus.SubscribeNamespace<LedgerBatch>(StockPositionGrain.StreamNamespace, (_, _) =>
        {
            Wake();
            return Task.CompletedTask;
        });

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await InitializeAsync(stoppingToken);
                break;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(_logger, e);
                await DelayAsync(_options.PollInterval, stoppingToken);
            }
        }
        _started.TrySetResult();

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await PumpOnceAsync(stoppingToken))
                    continue;
                await SaveCheckpointsAsync(force: true); // caught up
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(_logger, e);
            }

            try
            {
                await _wake.WaitAsync(_gapSeq is null ? _options.PollInterval : _options.GapPollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        try
        {
            await SaveCheckpointsAsync(force: true); // what was handled during a graceful stop is not repeated
        }
        catch (Exception e)
        {
            LogRoundFailed(_logger, e);
        }
    }

    /// <summary>Writes the checkpoints of consumers that moved: all of them when forced, else those not written for a while.</summary>
    private async Task SaveCheckpointsAsync(bool force)
    {
        var now = _time.GetTimestamp();
        foreach (var cursor in _consumers)
        {
            var seq = Interlocked.Read(ref cursor.Seq);
            if (seq == cursor.SavedSeq || (!force && _time.GetElapsedTime(cursor.SavedAt, now) < _options.CheckpointInterval))
                continue;
            // Not cancellable: events handled during a graceful stop keep their checkpoint (no repeat after restart).
            await _checkpoints.SaveAsync(cursor.Consumer.Name, seq, CancellationToken.None);
            cursor.SavedAt = now;
            Interlocked.Exchange(ref cursor.SavedSeq, seq);
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        long head;
        await using (var command = _dataSource.CreateCommand("SELECT coalesce(max(seq), 0) FROM stock_ledger"))
            head = (long)(await command.ExecuteScalarAsync(cancellationToken))!;

        var saved = await _checkpoints.LoadAsync(_consumers.Select(c => c.Consumer.Name), cancellationToken);
        foreach (var cursor in _consumers)
        {
            cursor.Seq = saved.TryGetValue(cursor.Consumer.Name, out var seq) ? seq : _options.NewConsumersStartAtEnd ? head : 0;
            cursor.SavedSeq = saved.ContainsKey(cursor.Consumer.Name) ? cursor.Seq : -1;
            LogConsumerStarts(_logger, cursor.Consumer.Name, cursor.Seq, head);
        }
        _busCursor = head;
        _settled = _consumers.Length == 0 ? head : Math.Min(head, _consumers.Min(c => c.Seq));
    }

    /// <summary>One round: read, settle, deliver. True when something was delivered (read again at once).</summary>
    private async Task<bool> PumpOnceAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        var from = _busCursor;
        foreach (var cursor in _consumers)
        {
            if (cursor.RetryAt <= now)
                from = Math.Min(from, cursor.Seq);
        }

        var rows = await ReadAsync(from, cancellationToken);
        var count = Settle(rows, now);
        if (count == 0)
            return false;

        var batch = count == rows.Count ? rows : rows.GetRange(0, count);
        var last = batch[^1].Seq;
        var events = StockEventMapper.Map(batch);

        foreach (var cursor in _consumers)
        {
            if (cursor.RetryAt > now || cursor.Seq >= last)
                continue;
            await DeliverAsync(cursor, events, last, cancellationToken);
        }
        await SaveCheckpointsAsync(force: false);

        if (last > _busCursor)
        {
            foreach (var item in events)
            {
                if (item.LedgerSeq > _busCursor)
                    await _bus.PublishAsync(item);
            }
            _busCursor = last;
        }
        return true;
    }

    /// <summary>How many leading rows are settled; moves <see cref="SettledThrough"/> past the gap-free prefix.</summary>
    private int Settle(List<(long Seq, LedgerEntry Entry)> rows, long now)
    {
        var settled = _settled;
        var count = 0;
        foreach (var (seq, _) in rows)
        {
            if (seq > settled + 1)
            {
                var missing = settled + 1;
                if (_gapSeq != missing)
                {
                    _gapSeq = missing;
                    _gapSince = now;
                    LogGapWaiting(_logger, missing, seq);
                    break;
                }
                if (_time.GetElapsedTime(_gapSince, now) < _options.GapTimeout)
                    break;
                LogGapSkipped(_logger, missing, seq - 1, _options.GapTimeout.TotalMilliseconds);
            }
            if (seq > settled)
                settled = seq;
            count++;
        }
        if (_gapSeq is { } gap && gap <= settled)
            _gapSeq = null;
        Interlocked.Exchange(ref _settled, settled);
        return count;
    }

    private async Task DeliverAsync(Cursor cursor, IReadOnlyList<StockEvent> events, long last, CancellationToken cancellationToken)
    {
        var after = cursor.Seq;
        var start = 0;
        while (start < events.Count && events[start].LedgerSeq <= after)
            start++;
        var mine = start == 0 ? events : events.Skip(start).ToList();
        try
        {
            var stopwatch = Stopwatch.StartNew();
            if (mine.Count > 0)
                await cursor.Consumer.HandleAsync(mine, cancellationToken);
            Interlocked.Exchange(ref cursor.Seq, last);
            cursor.Failures = 0;
            LogDelivered(_logger, cursor.Consumer.Name, mine.Count, last, stopwatch.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            cursor.Failures++;
            var delay = TimeSpan.FromTicks(Math.Min(FirstRetryDelay.Ticks << Math.Min(cursor.Failures - 1, 20), _options.MaxRetryDelay.Ticks));
            cursor.RetryAt = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
            LogConsumerFailed(_logger, e, cursor.Consumer.Name, after, delay.TotalMilliseconds);
        }
    }

    private async Task<List<(long Seq, LedgerEntry Entry)>> ReadAsync(long after, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {LedgerReader.Columns} FROM stock_ledger WHERE seq > $1 ORDER BY seq LIMIT $2");
        command.Parameters.Add(new() { Value = after });
        command.Parameters.Add(new() { Value = _options.BatchSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(long, LedgerEntry)>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(LedgerReader.Read(reader));
        return rows;
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed class Cursor(IEventConsumer consumer)
    {
        public readonly IEventConsumer Consumer = consumer;
        public long Seq;
        public long SavedSeq = -1;
        public long SavedAt;
        public int Failures;
        public long RetryAt;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event consumer {Consumer} resumes after ledger seq {Seq} (ledger ends at {Head})")]
    private static partial void LogConsumerStarts(ILogger logger, string consumer, long seq, long head);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event consumer {Consumer} handled {Count} events through seq {Seq} in {Milliseconds} ms")]
    private static partial void LogDelivered(ILogger logger, string consumer, int count, long seq, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event consumer {Consumer} failed after seq {Seq}; the same events come again in {Milliseconds} ms")]
    private static partial void LogConsumerFailed(ILogger logger, Exception exception, string consumer, long seq, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ledger seq {Missing} is not visible yet but {Next} is; waiting for it")]
    private static partial void LogGapWaiting(ILogger logger, long missing, long next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger seq {From}..{To} did not appear within {Milliseconds} ms; moving past the gap")]
    private static partial void LogGapSkipped(ILogger logger, long from, long to, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ledger event pump round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
