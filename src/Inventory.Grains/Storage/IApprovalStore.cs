using Inventory.Grains.Approvals;

namespace Inventory.Grains.Storage;

/// <summary>Durable approval records, written with a version check (VersionConflictException on mismatch).</summary>
public interface IApprovalStore
{
    Task<(ApprovalRecord Record, long Version)?> LoadAsync(string approvalId, CancellationToken cancellationToken = default);

    /// <summary>expectedVersion 0 means "must not exist yet". Returns the new version.</summary>
    Task<long> SaveAsync(ApprovalRecord record, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Approvals in one of <paramref name="statuses"/> (all when empty), optionally of one warehouse, oldest first.</summary>
    Task<IReadOnlyList<ApprovalRecord>> ListAsync(IReadOnlyCollection<ApprovalStatus> statuses, string? warehouse, int limit,
        CancellationToken cancellationToken = default);
}
