namespace Inventory.Grains.WorkOrders;

public sealed class WorkOrderOptions
{
    /// <summary>
    /// How long a work order holds its materials (7 days, the longest a reservation may live). A work order not completed
    /// by then loses its materials: completing it is refused (RESERVATION_NOT_ACTIVE) and it can only be cancelled.
    /// </summary>
    public TimeSpan MaterialHold { get; set; } = TimeSpan.FromDays(7);
}
