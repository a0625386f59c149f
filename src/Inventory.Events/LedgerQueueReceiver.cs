using Inventory.Domain;
using Inventory.Grains.Events;
using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Inventory.Events;

/// <summary>
/// One queue of the ledger stream provider: reads <c>stock_ledger WHERE seq &gt; settled ORDER BY seq</c>, keeps the
/// rows of the positions that hash to it, and hands Orleans their events per position (and all of them on the
/// queue's own stream). Only committed rows can be read, so no event describes an uncommitted change, and the ledger
/// is the only log: nothing is written after a commit that a crash could lose.
/// </summary>
/// <remarks>
/// <para>Gaps: identity values are assigned at INSERT and become visible at COMMIT, so seq n+1 can be visible while
/// seq n is not yet (or never, after a rollback). A queue reads the whole sequence to see that, delivers only a
/// gap-free prefix and waits up to <see cref="LedgerStreamOptions.GapTimeout"/> for a missing row before moving on.</para>
/// <para>Checkpoints: Orleans reports a batch as delivered when its queue cache lets go of it, which is after every
/// consumer of its stream has taken it. The checkpoint (event_checkpoints, "ledger-stream/QUEUES/N") is kept below
/// the first event not yet delivered, so a queue restarted elsewhere after a crash delivers again what was not
/// acknowledged (at least once; consumers drop what they have seen by ledger seq).</para>
/// </remarks>
internal sealed partial class LedgerQueueReceiver(LedgerQueueAdapterFactory adapter, QueueId queue) : IQueueAdapterReceiver
{
    /// <summary>Checkpoint of the event pump this provider replaced: where queues start when none of them has one yet.</summary>
    private const string LegacyCheckpoint = "alerts";
    private const string CheckpointPrefix = "ledger-stream/";

    private readonly ILogger _logger = adapter.Loggers.CreateLogger<LedgerQueueReceiver>();
    private readonly int _index = (int)queue.GetNumericId();
    private readonly Dictionary<(long Seq, int Index), long> _outstanding = []; // containers handed out, by token: their first seq
    private long _settled; // every seq at or below has been read (its events handed out or belonging to other queues) or given up
    private long? _gapSeq;
    private long _gapSince;
    private long _wakesSeen = -1;
    private long _readAt;
    private long _saved = -1;
    private long _savedAt;

    private string CheckpointName => $"{CheckpointPrefix}{adapter.Mapper.Count}/{_index}";

    public async Task Initialize(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var saved = await adapter.Checkpoints.LoadAsync([CheckpointName], cancel.Token);
        if (saved.TryGetValue(CheckpointName, out var seq))
        {
            _settled = _saved = seq;
        }
        else
        {
            // First start of this queue (at this number of queues): where the queues of another number stopped (the
            // lowest: every event after it comes at least once), else the former pump, else the beginning. Never the
            // other queues of this number: they move past rows that are not theirs.
            _settled = await adapter.Checkpoints.LowestAsync(CheckpointPrefix, $"{CheckpointPrefix}{adapter.Mapper.Count}/", LegacyCheckpoint, cancel.Token) ?? 0;
        }
        LogStarts(_logger, _index, _settled);
    }

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var time = adapter.Time;
        var now = time.GetTimestamp();
        var wakes = adapter.Wakes;
        if (_gapSeq is null && wakes == _wakesSeen && time.GetElapsedTime(_readAt, now) < adapter.Options.PollInterval)
            return [];
        _wakesSeen = wakes;
        _readAt = now;

        var limit = maxCount > 1 ? Math.Min(adapter.Options.BatchSize, maxCount - 1) : adapter.Options.BatchSize;
        var rows = await adapter.ReadAsync(_settled, limit).WaitAsync(cancellationToken);
        var count = Settle(rows, now);
        var mine = new List<(long Seq, LedgerEntry Entry)>();
        for (var i = 0; i < count; i++)
        {
            if (adapter.Mapper.IndexOf(rows[i].Entry.Position) == _index)
                mine.Add(rows[i]);
        }
        if (mine.Count == 0)
        {
            await SaveCheckpointAsync(force: false);
            return [];
        }

        var events = StockEventMapper.Map(mine);
        var batches = new List<IBatchContainer>();
        foreach (var position in events.GroupBy(e => new PositionKey(e.Warehouse, e.Sku)).OrderBy(g => g.Last().LedgerSeq))
            batches.Add(Hand(LedgerQueueMapper.PositionStream(position.Key), [.. position], 0));
        batches.Add(Hand(LedgerQueueMapper.QueueStream(_index), events, 1));
        return batches;
    }

    /// <summary>A container for Orleans, remembered until it is delivered. Tokens: the last seq, then 0 for a position, 1 for the queue's stream.</summary>
    private LedgerBatchContainer Hand(Orleans.Runtime.StreamId stream, IReadOnlyList<StockEvent> events, int index)
    {
        var token = new EventSequenceTokenV2(events[^1].LedgerSeq, index);
        var first = events.Min(e => e.LedgerSeq);
        _outstanding[(token.SequenceNumber, index)] = first;
        return new LedgerBatchContainer(stream, new LedgerEvents(events), token);
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (message.SequenceToken is EventSequenceTokenV2 token)
                _outstanding.Remove((token.SequenceNumber, token.EventIndex));
        }
        await SaveCheckpointAsync(force: false);
    }

    public async Task Shutdown(TimeSpan timeout)
    {
        try
        {
            await SaveCheckpointAsync(force: true).WaitAsync(timeout);
        }
        catch (Exception e)
        {
            LogCheckpointFailed(_logger, e, _index);
        }
    }

    /// <summary>Everything at or below this has been delivered (or belongs to other queues, or was given up as a gap).</summary>
    private long Delivered => _outstanding.Count == 0 ? _settled : _outstanding.Values.Min() - 1;

    private async Task SaveCheckpointAsync(bool force)
    {
        var through = Delivered;
        var now = adapter.Time.GetTimestamp();
        if (through <= _saved || (!force && adapter.Time.GetElapsedTime(_savedAt, now) < adapter.Options.CheckpointInterval))
            return;
        // Not cancellable: what was delivered during a graceful stop keeps its checkpoint (no repeat after restart).
        await adapter.Checkpoints.SaveAsync(CheckpointName, through, CancellationToken.None);
        _saved = through;
        _savedAt = now;
    }

    /// <summary>How many leading rows are settled; moves <see cref="_settled"/> past the gap-free prefix.</summary>
    private int Settle(IReadOnlyList<(long Seq, LedgerEntry Entry)> rows, long now)
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
                    LogGapWaiting(_logger, _index, missing, seq);
                    break;
                }
                if (adapter.Time.GetElapsedTime(_gapSince, now) < adapter.Options.GapTimeout)
                    break;
                LogGapSkipped(_logger, _index, missing, seq - 1, adapter.Options.GapTimeout.TotalMilliseconds);
            }
            settled = seq;
            count++;
        }
        if (_gapSeq is { } gap && gap <= settled)
            _gapSeq = null;
        _settled = settled;
        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger queue {Queue} resumes after ledger seq {Seq}")]
    private static partial void LogStarts(ILogger logger, int queue, long seq);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ledger queue {Queue}: seq {Missing} is not visible yet but {Next} is; waiting for it")]
    private static partial void LogGapWaiting(ILogger logger, int queue, long missing, long next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger queue {Queue}: seq {From}..{To} did not appear within {Milliseconds} ms; moving past the gap")]
    private static partial void LogGapSkipped(ILogger logger, int queue, long from, long to, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger queue {Queue} could not save its checkpoint while stopping; what it delivered since the last one comes again")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, int queue);
}
