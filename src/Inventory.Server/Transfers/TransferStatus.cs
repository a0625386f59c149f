namespace Inventory.Server.Transfers;

/// <summary>
/// Pending: recorded, source not yet issued. Shipped: issued at the source at a known cost, not yet received.
/// Completed: received at the destination. Failed: refused at the source; nothing moved.
/// </summary>
public enum TransferStatus
{
    Pending,
    Shipped,
    Completed,
    Failed,
}
