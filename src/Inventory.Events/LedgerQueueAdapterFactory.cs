using Inventory.Domain;
using Inventory.Grains.Events;
using Inventory.Grains.Positions;
using Inventory.Storage.Postgres.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using StreamId = Orleans.Runtime.StreamId;

namespace Inventory.Events;

/// <summary>
/// The ledger stream provider's adapter: read-only queues over stock_ledger (nothing is ever written to a queue: a
/// position's commit is the event), one <see cref="LedgerQueueReceiver"/> per queue wherever Orleans' balancer
/// places it, Orleans' simple queue cache, and a mapper that hashes position keys onto the queues.
/// </summary>
public sealed class LedgerQueueAdapterFactory : IQueueAdapterFactory, IQueueAdapter
{
    private readonly SimpleQueueAdapterCache _cache;
    private readonly IStreamFailureHandler _failures = new NoOpStreamDeliveryFailureHandler();
    private readonly Lock _readLock = new();
    private SharedRead? _lastRead;
    private long _wakes;
    private long _readsStarted;
    private long _readsFinished;

    public LedgerQueueAdapterFactory(string name, LedgerStreamOptions options, NpgsqlDataSource dataSource, IStreamBus bus,
        TimeProvider time, ILoggerFactory loggers)
    {
        Name = name;
        Options = options;
        DataSource = dataSource;
        Time = time;
        Loggers = loggers;
        Checkpoints = new EventCheckpointStore(dataSource);
        Mapper = new LedgerQueueMapper(options.Queues, name);
        _cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions(), name, loggers);
        // Every commit of this process wakes its queues at once (the position grains publish each committed batch).
        bus.SubscribeNamespace<LedgerBatch>(StockPositionGrain.StreamNamespace, (_, _) =>
        {
            Interlocked.Increment(ref _wakes);
            return Task.CompletedTask;
        });
    }

    /// <summary>What Orleans calls to build the provider named <paramref name="name"/>.</summary>
    public static LedgerQueueAdapterFactory Create(IServiceProvider services, string name) => new(
        name,
        services.GetRequiredService<IOptions<LedgerStreamOptions>>().Value,
        services.GetRequiredService<NpgsqlDataSource>(),
        services.GetRequiredService<IStreamBus>(),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<ILoggerFactory>());

    public string Name { get; }

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadOnly;

    internal LedgerStreamOptions Options { get; }

    internal NpgsqlDataSource DataSource { get; }

    internal TimeProvider Time { get; }

    internal ILoggerFactory Loggers { get; }

    internal EventCheckpointStore Checkpoints { get; }

    internal LedgerQueueMapper Mapper { get; }

    /// <summary>Changes with every commit of this process.</summary>
    internal long Wakes => Interlocked.Read(ref _wakes);

    /// <summary>
    /// The ledger reads this silo has started and finished. Once <c>Finished</c> exceeds what <c>Started</c> was at
    /// some moment, a read that began after that moment is done: the queues have seen every row committed before it.
    /// The positive signal tests wait for before they conclude that a row was held back.
    /// </summary>
    public (long Started, long Finished) Reads => (Interlocked.Read(ref _readsStarted), Interlocked.Read(ref _readsFinished));

    /// <summary>
    /// The ledger rows after <paramref name="after"/>, in seq order. The queues of one silo ask for the same rows (they
    /// settle the same sequence), so a read started within the last pull period, with no commit of this process since,
    /// is shared instead of repeated: one ledger read per silo and pull, not one per queue. The list is read-only.
    /// </summary>
    internal Task<List<(long Seq, LedgerEntry Entry)>> ReadAsync(long after, int limit)
    {
        var now = Time.GetTimestamp();
        var wakes = Wakes;
        lock (_readLock)
        {
            if (_lastRead is { } last && last.After == after && last.Limit == limit && last.Wakes == wakes
                && Time.GetElapsedTime(last.At, now) < LedgerStreamsSiloBuilderExtensions.PullPeriod)
                return last.Rows;
            var rows = ReadCoreAsync(after, limit);
            _lastRead = new SharedRead(after, limit, wakes, now, rows);
            return rows;
        }
    }

    private async Task<List<(long Seq, LedgerEntry Entry)>> ReadCoreAsync(long after, int limit)
    {
        Interlocked.Increment(ref _readsStarted);
        try
        {
            return await ReadRowsAsync(after, limit);
        }
        finally
        {
            Interlocked.Increment(ref _readsFinished);
        }
    }

    private async Task<List<(long Seq, LedgerEntry Entry)>> ReadRowsAsync(long after, int limit)
    {
        await using var command = DataSource.CreateCommand($"SELECT {LedgerReader.Columns} FROM stock_ledger WHERE seq > $1 ORDER BY seq LIMIT $2");
        command.Parameters.Add(new() { Value = after });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, LedgerEntry)>();
        while (await reader.ReadAsync())
            rows.Add(LedgerReader.Read(reader));
        return rows;
    }

    private sealed record SharedRead(long After, int Limit, long Wakes, long At, Task<List<(long Seq, LedgerEntry Entry)>> Rows);

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(this);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) => CreateAdapter();

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => Mapper;

    /// <summary>Never called for delivery: the pulling agent retries a failing consumer without a time limit (AddLedgerStreams).</summary>
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult(_failures);

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => new LedgerQueueReceiver(this, queueId);

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException("The ledger streams are read-only: a position's committed batch is its event.");
}

/// <summary>
/// Orleans' hash ring of queues, with the two kinds of ledger stream placed on it: a position's stream on the queue
/// its key hashes to (the queue that reads that position's rows), a queue's own stream on that queue.
/// </summary>
public sealed class LedgerQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly HashRingBasedStreamQueueMapper _ring;
    private readonly QueueId[] _queues;

    public LedgerQueueMapper(int queues, string name)
    {
        if (queues < 1)
            throw new ArgumentOutOfRangeException(nameof(queues), queues, "The ledger needs at least one queue.");
        _ring = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = queues }, name);
        _queues = [.. _ring.GetAllQueues().OrderBy(q => q.GetNumericId())];
    }

    public int Count => _queues.Length;

    /// <summary>The stream of one position's events.</summary>
    public static StreamId PositionStream(PositionKey position) => StreamId.Create(LedgerStreams.PositionNamespace, position.ToString());

    /// <summary>The stream of every event one queue reads.</summary>
    public static StreamId QueueStream(int index) => StreamId.Create(LedgerStreams.QueueNamespace, index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The number of the queue that reads this position's rows.</summary>
    public int IndexOf(PositionKey position) => (int)_ring.GetQueueForStream(PositionStream(position)).GetNumericId();

    public QueueId Queue(int index) => _queues[index];

    public IEnumerable<QueueId> GetAllQueues() => _queues;

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) => _ring.GetQueuesForRange(range);

    public QueueId GetQueueForStream(StreamId streamId) =>
        streamId.GetNamespace() == LedgerStreams.QueueNamespace && int.TryParse(streamId.GetKeyAsString(), out var index) && index >= 0 && index < _queues.Length
            ? _queues[index]
            : _ring.GetQueueForStream(streamId);
}
