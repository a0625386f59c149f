namespace Inventory.Domain;

/// <summary>
/// The approval rule a stock correction (adjustment, count difference, write-off) runs under. A correction worth more
/// than <see cref="Limit"/> (absolute quantity x unit cost) is refused with APPROVAL_REQUIRED unless
/// <see cref="ApprovedBy"/> names who approved it; the approver must not be the requester (SELF_APPROVAL).
/// </summary>
[GenerateSerializer, Alias("inv.Approval"), Immutable]
public sealed record Approval(decimal? Limit = null, Actor? ApprovedBy = null)
{
    /// <summary>No limit and no approver: every correction applies at once.</summary>
    public static readonly Approval None = new();
}
