namespace Inventory.Grains.Approvals;

/// <summary>Stable codes of approval failures. Never rename one.</summary>
public static class ApprovalErrorCodes
{
    public const string ApprovalNotFound = "APPROVAL_NOT_FOUND";
    /// <summary>Approving or rejecting an approval that was already decided.</summary>
    public const string ApprovalNotPending = "APPROVAL_NOT_PENDING";
    /// <summary>An approval id reused for a different correction.</summary>
    public const string ApprovalConflict = "APPROVAL_CONFLICT";
}
