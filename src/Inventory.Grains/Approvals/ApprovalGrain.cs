using Inventory.Domain;
using Inventory.Grains.Positions;
using Inventory.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Inventory.Grains.Approvals;

/// <summary>
/// Keeps one correction that was refused with APPROVAL_REQUIRED until a manager decides. Approving records the
/// decision (approving), then applies the correction at the position with the requester as the ledger row's user and
/// the approver in its approved_by column, idempotent by "approval:{id}"; then records it approved. If the position
/// refuses it now (the stock moved since), the approval goes back to pending with the refusal shown.
/// </summary>
public sealed partial class ApprovalGrain(IApprovalStore store, TimeProvider time, ILogger<ApprovalGrain> logger) : Grain, IApprovalGrain
{
    private string? _key;

    /// <summary>The grain's key, as its callers named it.</summary>
    private string GrainKey => _key ??= this.GetPrimaryKeyString();

    private ApprovalRecord? _record;
    private long _version;

    private DateTimeOffset Now => time.UtcNowMicroseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(GrainKey, cancellationToken) is { } loaded)
            (_record, _version) = loaded;
    }

    public Task<ApprovalView?> GetAsync() => Task.FromResult(_record is null ? null : ApprovalView.Of(_record));

    public async Task<Result<ApprovalView>> SubmitAsync(ApprovalSubmission submission, Actor requester)
    {
        if (_record is not null)
        {
            return _record.Submission.Correction with { RequestId = null } == submission.Correction with { RequestId = null }
                && _record.Submission.Warehouse == submission.Warehouse && _record.Submission.Sku == submission.Sku
                ? ApprovalView.Of(_record)
                : new Failure(ApprovalErrorCodes.ApprovalConflict, $"Approval '{GrainKey}' already exists for a different correction.",
                    new Dictionary<string, object?> { ["approvalId"] = GrainKey });
        }

        var now = Now;
        await Save(new ApprovalRecord(GrainKey, submission, ApprovalStatus.Pending, requester, now, now));
        LogSubmitted(logger, GrainKey, submission.Warehouse, submission.Sku, submission.Value, requester.User);
        return ApprovalView.Of(_record!);
    }

    public async Task<Result<ApprovalView>> ApproveAsync(Actor approver, string? note)
    {
        if (_record is null)
            return NotFound();
        if (_record.Status == ApprovalStatus.Approved)
            return ApprovalView.Of(_record);
        if (_record.Status == ApprovalStatus.Rejected)
            return NotPending();
        if (string.Equals(approver.User, _record.RequestedBy.User, StringComparison.Ordinal))
            return StockFailures.SelfApproval(approver.User);

        await Save(_record with { Status = ApprovalStatus.Approving, DecidedBy = approver, DecidedAt = Now, Note = note, UpdatedAt = Now });
        return await Apply();
    }

    public async Task<Result<ApprovalView>> RejectAsync(Actor approver, string? note)
    {
        if (_record is null)
            return NotFound();
        if (_record.Status == ApprovalStatus.Rejected)
            return ApprovalView.Of(_record);
        if (_record.Status != ApprovalStatus.Pending)
            return NotPending();
        if (string.Equals(approver.User, _record.RequestedBy.User, StringComparison.Ordinal))
            return StockFailures.SelfApproval(approver.User);

        await Save(_record with { Status = ApprovalStatus.Rejected, DecidedBy = approver, DecidedAt = Now, Note = note, UpdatedAt = Now });
        LogDecided(logger, GrainKey, "rejected", approver.User);
        return ApprovalView.Of(_record!);
    }

    public async Task<ApprovalView?> RecoverAsync()
    {
        if (_record is null)
            return null;
        if (_record.Status == ApprovalStatus.Approving)
            await Apply();
        return ApprovalView.Of(_record);
    }

    private async Task<Result<ApprovalView>> Apply()
    {
        var record = _record!;
        var submission = record.Submission;
        var correction = submission.Correction.ToApply(submission.Change) with { RequestId = record.RequestId };
        var position = GrainFactory.GetGrain<IStockPositionGrain>(new PositionKey(submission.Warehouse, submission.Sku).ToString());
        var applied = await position.CorrectAsync(correction, record.RequestedBy, new Approval(ApprovedBy: record.DecidedBy));
        if (!applied.IsSuccess)
        {
            // The stock moved since the request (or the approver is the requester): nothing applied, still pending.
            var failure = applied.Failure!;
            await Save(record with
            {
                Status = ApprovalStatus.Pending,
                DecidedBy = null,
                DecidedAt = null,
                LastFailureCode = failure.Code,
                LastFailureMessage = failure.Message,
                UpdatedAt = Now,
            });
            return failure;
        }

        await Save(record with
        {
            Status = ApprovalStatus.Approved,
            CostOfGoods = applied.Value.CostOfGoods,
            LastFailureCode = null,
            LastFailureMessage = null,
            UpdatedAt = Now,
        });
        LogDecided(logger, GrainKey, "approved", record.DecidedBy!.User);
        return ApprovalView.Of(_record!);
    }

    private async Task Save(ApprovalRecord record)
    {
        _version = await store.SaveAsync(record, _version);
        _record = record;
    }

    private Failure NotFound() =>
        new(ApprovalErrorCodes.ApprovalNotFound, $"Approval '{GrainKey}' does not exist.", new Dictionary<string, object?> { ["approvalId"] = GrainKey });

    private Failure NotPending() =>
        new(ApprovalErrorCodes.ApprovalNotPending, $"Approval '{GrainKey}' is {ApprovalRecord.StatusName(_record!.Status)}, not pending.",
            new Dictionary<string, object?> { ["approvalId"] = GrainKey, ["status"] = ApprovalRecord.StatusName(_record.Status) });

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval {ApprovalId}: a correction of {Warehouse}/{Sku} worth {Value} by {User} waits for approval")]
    private static partial void LogSubmitted(ILogger logger, string approvalId, string warehouse, string sku, decimal value, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval {ApprovalId} {Decision} by {User}")]
    private static partial void LogDecided(ILogger logger, string approvalId, string decision, string user);
}
