using Inventory.Grains.Transfers;

namespace Inventory.Grains.Storage;

/// <summary>Durable transfer records, written with a version check (VersionConflictException on mismatch).</summary>
public interface ITransferStore
{
    Task<(TransferRecord Record, long Version)?> LoadAsync(string transferId, CancellationToken cancellationToken = default);

    /// <summary>expectedVersion 0 means "must not exist yet". Returns the new version.</summary>
    Task<long> SaveAsync(TransferRecord record, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Transfers in one of <paramref name="statuses"/> (all when empty), optionally from or to <paramref name="warehouse"/>,
    /// newest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<TransferRecord>> ListAsync(IReadOnlyCollection<TransferStatus> statuses, string? warehouse, int limit,
        CancellationToken cancellationToken = default);
}
