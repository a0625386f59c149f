using Inventory.Domain;

namespace Inventory.Grains.Approvals;

/// <summary>
/// One correction waiting for approval (key: approval id). Only an approved one moves stock, once: the approval is
/// recorded before the position step, which is idempotent by "approval:{id}". Nobody approves their own request.
/// </summary>
[Alias("inv.IApprovalGrain")]
public interface IApprovalGrain : IGrainWithStringKey
{
    /// <summary>Records the pending correction. The same id with the same correction returns the same approval.</summary>
    Task<Result<ApprovalView>> SubmitAsync(ApprovalSubmission submission, Actor requester);

    /// <summary>Applies the correction at the position with <paramref name="approver"/> recorded in the ledger.</summary>
    Task<Result<ApprovalView>> ApproveAsync(Actor approver, string? note);

    /// <summary>Refuses the correction: nothing moves.</summary>
    Task<Result<ApprovalView>> RejectAsync(Actor approver, string? note);

    Task<ApprovalView?> GetAsync();

    /// <summary>Finishes an approval whose position step may not have run (the sweep calls this after a crash).</summary>
    Task<ApprovalView?> RecoverAsync();
}
