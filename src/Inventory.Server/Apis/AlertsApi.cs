using System.Security.Claims;
using Inventory.Domain;
using Inventory.Grains.Alerts;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inventory.Server.Apis;

/// <summary>/api/v1/alerts: list alerts (filters: status, warehouse, kind, sku) and acknowledge one with a note.</summary>
public static class AlertsApi
{
    /// <summary>Roles that may acknowledge alerts: those who act on them. Viewers and sales staff only read.</summary>
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/alerts").WithTags("Alerts");
        api.MapGet("/", List).RequireAuthorization(Policies.Read)
            .WithSummary("Alerts, newest first (status: open, acknowledged, resolved or active; warehouse; kind; sku; limit).");
        api.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Read).WithSummary("One alert.");
        api.MapPost("/{id:long}/acknowledge", Acknowledge).RequireAuthorization(Policies.AcknowledgeAlerts)
            .WithSummary("Acknowledge an open alert with a note (who and when are recorded).");
        return app;
    }

    public static async Task<Results<Ok<AlertListResponse>, ProblemHttpResult>> List(
        AlertInbox inbox, CancellationToken cancellationToken,
        string? status = null, string? warehouse = null, string? kind = null, string? sku = null, int limit = 100)
    {
        if (status is not null && !AlertStatuses.IsFilter(status))
            return Problems.Validation("status", "status must be open, acknowledged, resolved or active.");
        if (kind is not null && !AlertKinds.IsKnown(kind))
            return Problems.Validation("kind", $"kind must be one of: {string.Join(", ", AlertKinds.All)}.");
        if (limit is < 1 or > AlertInbox.MaxLimit)
            return Problems.Validation("limit", $"limit must be between 1 and {AlertInbox.MaxLimit}.");
        var alerts = await inbox.ListAsync(new AlertFilter(status, warehouse, kind, sku, limit), cancellationToken);
        return TypedResults.Ok(new AlertListResponse(alerts));
    }

    public static async Task<Results<Ok<Alert>, ProblemHttpResult>> Get(long id, AlertInbox inbox, CancellationToken cancellationToken) =>
        await inbox.GetAsync(id, cancellationToken) is { } alert
            ? TypedResults.Ok(alert)
            : Problems.From(new Failure(AlertErrorCodes.AlertNotFound, $"Alert {id} does not exist."));

    public static async Task<Results<Ok<Alert>, ProblemHttpResult>> Acknowledge(
        long id, AcknowledgeRequest? request, AlertInbox inbox, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await inbox.AcknowledgeAsync(id, UserActor.Of(user), request?.Note, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Failure!);
    }
}

/// <summary>Body of POST /api/v1/alerts/{id}/acknowledge.</summary>
public sealed record AcknowledgeRequest(string? Note);

public sealed record AlertListResponse(IReadOnlyList<Alert> Items);
