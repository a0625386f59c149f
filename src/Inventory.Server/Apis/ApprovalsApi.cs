using Inventory.Domain.Catalog;
using Inventory.Grains.Approvals;
using Inventory.Grains.Storage;
using Inventory.Server.Infrastructure;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Server.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inventory.Server.Apis;

/// <summary>
/// /api/v1/approvals: corrections worth more than the approval limit, waiting for a manager or admin. Only an approved
/// one moves stock; the ledger row names the requester (user, role) and the approver (approved_by, approved_role).
/// </summary>
public static class ApprovalsApi
{
    public static IEndpointRouteBuilder MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/approvals").WithTags("Approvals");
        api.MapGet("/", List).RequireAuthorization(Policies.Read)
            .WithSummary("Approvals, oldest first (filters: status pending|approving|approved|rejected, warehouse; limit).");
        api.MapGet("/{id}", Get).RequireAuthorization(Policies.Read);
        api.MapPost("/{id}/approve", Approve).RequireAuthorization(Policies.Approve)
            .WithSummary("Apply the correction (manager or admin, never the requester); 409 with the position's refusal if stock moved since.");
        api.MapPost("/{id}/reject", Reject).RequireAuthorization(Policies.Approve)
            .WithSummary("Refuse the correction: nothing moves.");
        return app;
    }

    public static async Task<Results<Ok<ApprovalListResponse>, ProblemHttpResult>> List(
        IApprovalStore store, CancellationToken cancellationToken, string? status = null, string? warehouse = null,
        int limit = InventoryLimits.DefaultPageSize)
    {
        var errors = new FieldErrors();
        ApprovalStatus parsed = default;
        errors.Require(status is null || RequestChecks.TryParseName(status, out parsed), "status", "status must be pending, approving, approved or rejected.");
        errors.Require(limit is >= 1 and <= InventoryLimits.MaxPageSize, "limit", $"limit must be between 1 and {InventoryLimits.MaxPageSize}.");
        if (errors.Any) return Problems.From(errors.ToFailure("The approval query is not valid."));

        var records = await store.ListAsync(status is null ? [] : [parsed], warehouse, limit, cancellationToken);
        return TypedResults.Ok(new ApprovalListResponse([.. records.Select(ApprovalView.Of)]));
    }

    public static async Task<Results<Ok<ApprovalView>, ProblemHttpResult>> Get(string id, IGrainFactory grains)
    {
        var view = RequestChecks.IsClientId(id) ? await grains.GetGrain<IApprovalGrain>(id).GetAsync() : null;
        return view is null ? NotFound(id) : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<ApprovalView>, ProblemHttpResult>> Approve(string id, ApprovalDecisionRequest body, HttpContext http, IGrainFactory grains) =>
        await Decide(id, body, grains, (grain, note) => grain.ApproveAsync(UserActor.Of(http.User), note));

    public static async Task<Results<Ok<ApprovalView>, ProblemHttpResult>> Reject(string id, ApprovalDecisionRequest body, HttpContext http, IGrainFactory grains) =>
        await Decide(id, body, grains, (grain, note) => grain.RejectAsync(UserActor.Of(http.User), note));

    private static async Task<Results<Ok<ApprovalView>, ProblemHttpResult>> Decide(string id, ApprovalDecisionRequest body, IGrainFactory grains,
        Func<IApprovalGrain, string?, Task<Inventory.Domain.Result<ApprovalView>>> decide)
    {
        var errors = new FieldErrors();
        RequestChecks.Text(errors, "note", body.Note);
        if (errors.Any) return Problems.From(errors.ToFailure("The decision is not valid."));
        if (!RequestChecks.IsClientId(id) || await grains.GetGrain<IApprovalGrain>(id).GetAsync() is null)
            return NotFound(id);
        var result = await decide(grains.GetGrain<IApprovalGrain>(id), body.Note);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Failure!);
    }

    private static ProblemHttpResult NotFound(string id) =>
        Problems.Of(ApprovalErrorCodes.ApprovalNotFound, $"Approval '{id}' does not exist.", new Dictionary<string, object?> { ["approvalId"] = id });
}
