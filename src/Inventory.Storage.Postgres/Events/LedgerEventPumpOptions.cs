namespace Inventory.Storage.Postgres.Events;

public sealed class LedgerEventPumpOptions
{
    public const int DefaultBatchSize = 500;
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultGapTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultGapPollInterval = TimeSpan.FromMilliseconds(20);
    public static readonly TimeSpan DefaultMaxRetryDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromSeconds(1);

    /// <summary>Most ledger rows read (and handed to consumers) per round.</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>
    /// How often the ledger is read when nothing wakes the pump. Commits made by this process wake it at once
    /// (the "stock" stream); the poll picks up rows written by other processes and is the safety net.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = DefaultPollInterval;

    /// <summary>
    /// How long a missing sequence number is waited for before the pump moves past it. Identity values are taken
    /// at INSERT but become visible at COMMIT, so seq 41 can appear after seq 42; it may also never appear (a rolled
    /// back transaction). A transaction that commits later than this after a higher one is not delivered.
    /// </summary>
    public TimeSpan GapTimeout { get; set; } = DefaultGapTimeout;

    /// <summary>How often the ledger is read while waiting for a missing sequence number.</summary>
    public TimeSpan GapPollInterval { get; set; } = DefaultGapPollInterval;

    /// <summary>Longest back-off before a failing consumer is handed the same events again (doubling from 100 ms).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = DefaultMaxRetryDelay;

    /// <summary>
    /// While events keep coming, a consumer's checkpoint is written at most this often (each write is a durable
    /// commit); it is written at once when the pump catches up and when it stops. After a crash, at most this much
    /// is delivered again (delivery is at least once; consumers drop what they have seen by ledger seq).
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = DefaultCheckpointInterval;

    /// <summary>
    /// Where a consumer without a checkpoint starts: false (default) replays the whole ledger to it; true starts it
    /// at the current end of the ledger.
    /// </summary>
    public bool NewConsumersStartAtEnd { get; set; }
}
