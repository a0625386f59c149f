using Inventory.Domain;

namespace Inventory.Grains.Storage;

/// <summary>
/// Durable home of stock positions: an append-only ledger plus a snapshot per position.
/// <see cref="SaveAsync"/> writes a batch's entries and the new snapshot atomically, guarded by the snapshot's
/// sequence; a mismatch throws <see cref="Inventory.Runtime.VersionConflictException"/>.
/// </summary>
public interface IStockPositionStore
{
    Task<StockPositionSnapshot?> LoadAsync(PositionKey position, CancellationToken cancellationToken = default);

    /// <param name="expectedSequence">Sequence of the snapshot the batch was applied to (0 for a new position).</param>
    Task SaveAsync(StockPositionSnapshot snapshot, long expectedSequence, IReadOnlyList<LedgerEntry> entries,
        CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LedgerEntry>> ReadLedgerAsync(PositionKey position, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PositionKey>> ListPositionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Positions whose snapshot holds an active reservation expiring at or before <paramref name="asOf"/>.</summary>
    Task<IReadOnlyList<PositionKey>> ListWithExpiryDueAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default);

    /// <summary>Replaces the snapshot only (never the ledger); used by reconcile --repair.</summary>
    Task OverwriteSnapshotAsync(StockPositionSnapshot snapshot, CancellationToken cancellationToken = default);
}
