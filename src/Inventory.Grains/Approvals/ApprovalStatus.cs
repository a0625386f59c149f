namespace Inventory.Grains.Approvals;

/// <summary>
/// Where a correction waiting for approval stands. Stored and shown lower-case: pending, approving, approved, rejected.
/// Approving means the approval is recorded and the position's step may be in flight: the recovery sweep finishes it.
/// </summary>
[GenerateSerializer, Alias("inv.ApprovalStatus")]
public enum ApprovalStatus
{
    Pending,
    Approving,
    Approved,
    Rejected,
}
