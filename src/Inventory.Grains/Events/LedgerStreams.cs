namespace Inventory.Grains.Events;

/// <summary>
/// The Orleans persistent stream provider that reads the committed ledger (registered by the PostgreSQL project's
/// <c>AddLedgerStreams</c>). Each queue owns the positions its mapper hashes to it and delivers, per read, one
/// <see cref="LedgerEvents"/> on the stream of each position it read (<see cref="PositionNamespace"/>, key
/// "WAREHOUSE/SKU": the alert grains subscribe implicitly) and one with all of them on the queue's own stream
/// (<see cref="QueueNamespace"/>, key: the queue's number: the live feed subscribes implicitly).
/// </summary>
public static class LedgerStreams
{
    public const string ProviderName = "ledger";

    /// <summary>One stream per stock position, keyed like the position grain.</summary>
    public const string PositionNamespace = "ledger.position";

    /// <summary>One stream per queue, keyed by the queue's number (0, 1, ...): every event the queue reads.</summary>
    public const string QueueNamespace = "ledger.queue";
}

/// <summary>Events of the committed ledger in ledger order: one read of one queue, for one position or for all it read.</summary>
[GenerateSerializer, Alias("inv.LedgerEvents"), Immutable]
public sealed record LedgerEvents(IReadOnlyList<StockEvent> Events);
