using Inventory.Domain;

namespace Inventory.Grains.Storage;

/// <summary>
/// Durable home of stock positions: an append-only ledger plus a snapshot per position.
/// <see cref="SaveAsync"/> writes a batch's entries and the new snapshot atomically, guarded by the snapshot's
/// sequence; a mismatch throws <see cref="VersionConflictException"/>.
/// </summary>
public interface IStockPositionStore
{
    /// <summary>The current state: the last recovery snapshot with every later ledger entry applied; null if never written.</summary>
    Task<StockPositionSnapshot?> LoadAsync(PositionKey position, CancellationToken cancellationToken = default);

    /// <summary>The summary snapshot that queries read (levels, layers, configuration; no reservations), as last written.</summary>
    Task<StockPositionSnapshot?> LoadSummaryAsync(PositionKey position, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes one group commit atomically; <see cref="PositionWrite.ExpectedSequence"/> is the sequence the batch was
    /// applied to (0 for a new position, whose write must carry a recovery snapshot).
    /// </summary>
    Task SaveAsync(PositionWrite write, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="snapshot"/> as summary and recovery point with the batch's entries.</summary>
    Task SaveAsync(StockPositionSnapshot snapshot, long expectedSequence, IReadOnlyList<LedgerEntry> entries,
        CancellationToken cancellationToken = default) =>
        SaveAsync(PositionWrite.Full(snapshot, expectedSequence, entries), cancellationToken);

    Task<IReadOnlyList<LedgerEntry>> ReadLedgerAsync(PositionKey position, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PositionKey>> ListPositionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Positions whose snapshot holds an active reservation expiring at or before <paramref name="asOf"/>.</summary>
    Task<IReadOnlyList<PositionKey>> ListWithExpiryDueAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default);

    /// <summary>Replaces the snapshot only (never the ledger); used by reconcile --repair.</summary>
    Task OverwriteSnapshotAsync(StockPositionSnapshot snapshot, CancellationToken cancellationToken = default);
}
