namespace Inventory.Runtime;

public sealed class GrainRuntimeOptions
{
    public const int DefaultMaxBatchSize = 256;
    public const int DefaultMaxMailboxDepth = 20_000;
    public static readonly TimeSpan DefaultCollectionAge = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan DefaultCollectionQuantum = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Activations without calls for this long are deactivated. <see cref="Timeout.InfiniteTimeSpan"/> turns collection off.</summary>
    public TimeSpan CollectionAge { get; set; } = DefaultCollectionAge;

    /// <summary>How often the idle collector looks (and the CallsPerSecond sample window).</summary>
    public TimeSpan CollectionQuantum { get; set; } = DefaultCollectionQuantum;

    /// <summary>Most calls one group commit takes (<see cref="IBatchCommitting"/>).</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>
    /// A caller waiting longer gets a <see cref="TimeoutException"/>; a call that timed out before its turn is not run.
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits forever.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = DefaultResponseTimeout;

    /// <summary>Queued calls per activation beyond which a call fails at once with <see cref="GrainOverloadedException"/>.</summary>
    public int MaxMailboxDepth { get; set; } = DefaultMaxMailboxDepth;

    internal void Validate()
    {
        if (CollectionAge <= TimeSpan.Zero && CollectionAge != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(CollectionAge), CollectionAge, "Must be positive or infinite.");
        if (CollectionQuantum <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(CollectionQuantum), CollectionQuantum, "Must be positive.");
        if (ResponseTimeout <= TimeSpan.Zero && ResponseTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(ResponseTimeout), ResponseTimeout, "Must be positive or infinite.");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMailboxDepth, 1, nameof(MaxMailboxDepth));
    }
}
