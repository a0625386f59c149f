using Inventory.Grains.Maintenance;
using Inventory.Runtime;
using Inventory.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inventory.Server.Apis;

/// <summary>/api/v1/admin: reconcile snapshots against the ledger, and look at the runtime. Admin only.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        api.MapPost("/reconcile", Reconcile)
            .WithSummary("Fold each position's ledger and compare it with its snapshot (repair=true rewrites differing snapshots).");
        api.MapGet("/activations", Activations).WithSummary("Grain activations in memory, busiest first.");
        return app;
    }

    public static async Task<Results<Ok<ReconcileReport>, ProblemHttpResult>> Reconcile(Reconciler reconciler, CancellationToken cancellationToken,
        string? warehouse = null, string? sku = null, bool repair = false)
    {
        if (RequestChecks.CodeFilters(warehouse, sku) is { } invalid) return invalid;
        return TypedResults.Ok(await reconciler.RunAsync(warehouse, sku, repair, cancellationToken));
    }

    public static Ok<ActivationSummary[]> Activations(GrainRuntime runtime, int limit = 100) =>
        TypedResults.Ok(runtime.GetActivations()
            .OrderByDescending(a => a.MailboxDepth).ThenByDescending(a => a.CallsPerSecond)
            .Take(Math.Clamp(limit, 1, 1000))
            .Select(a => new ActivationSummary(a.Id.Type, a.Id.Key, a.GrainClass, a.MailboxDepth, a.CallsTotal, a.CallsPerSecond,
                a.IdleFor.TotalSeconds, a.ActivatedAt))
            .ToArray());

    public sealed record ActivationSummary(string Type, string Key, string GrainClass, int MailboxDepth, long CallsTotal,
        double CallsPerSecond, double IdleSeconds, DateTimeOffset ActivatedAt);
}
