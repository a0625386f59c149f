using Inventory.Grains.WorkOrders;

namespace Inventory.Grains.Storage;

/// <summary>Durable work orders, written with a version check (VersionConflictException on mismatch).</summary>
public interface IWorkOrderStore
{
    Task<(WorkOrderState State, long Version)?> LoadAsync(string workOrderId, CancellationToken cancellationToken = default);

    /// <summary>expectedVersion 0 means "must not exist yet". Returns the new version.</summary>
    Task<long> SaveAsync(WorkOrderState state, long expectedVersion, CancellationToken cancellationToken = default);
}
