using Inventory.Domain;

namespace Inventory.Grains.WorkOrders;

/// <summary>One work order (key: work order id). Every operation is idempotent: repeating it returns the first result.</summary>
[Alias("inv.IWorkOrderGrain")]
public interface IWorkOrderGrain : IGrainWithStringKey
{
    /// <summary>Records the order and reserves every material, all or nothing (INSUFFICIENT_STOCK lists each short line).</summary>
    Task<Result<WorkOrderView>> CreateAsync(WorkOrderRequest request, Actor actor);

    /// <summary>Commits the materials and receives the finished goods at material cost / quantity.</summary>
    Task<Result<WorkOrderView>> CompleteAsync(Actor actor);

    /// <summary>Releases the materials.</summary>
    Task<Result<WorkOrderView>> CancelAsync(Actor actor);

    Task<WorkOrderView?> GetAsync();
}
