using Inventory.Grains.Maintenance;
using Inventory.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inventory.Server.Apis;

/// <summary>/api/v1/admin: reconcile snapshots against the ledger, and list the cluster's activations. Admin only.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        api.MapPost("/reconcile", Reconcile)
            .WithSummary("Fold each position's ledger and compare it with its snapshot (repair=true rewrites differing snapshots).");
        api.MapGet("/activations", Activations).WithSummary("Grain activations in the cluster by type and key, with the silo each runs on.");
        return app;
    }

    public static async Task<Results<Ok<ReconcileReport>, ProblemHttpResult>> Reconcile(Reconciler reconciler, CancellationToken cancellationToken,
        string? warehouse = null, string? sku = null, bool repair = false)
    {
        if (RequestChecks.CodeFilters(warehouse, sku) is { } invalid) return invalid;
        return TypedResults.Ok(await reconciler.RunAsync(warehouse, sku, repair, cancellationToken));
    }

    public static async Task<Ok<ActivationSummary[]>> Activations(IGrainFactory grains, int limit = 100) =>
        TypedResults.Ok((await grains.Management().GetDetailedGrainStatistics())
            .Select(a => new ActivationSummary(a.GrainId.Type.ToString()!, a.GrainId.Key.ToString()!, a.SiloAddress.ToString()))
            .OrderBy(a => a.Type, StringComparer.Ordinal).ThenBy(a => a.Key, StringComparer.Ordinal)
            .Take(Math.Clamp(limit, 1, 1000))
            .ToArray());

    /// <summary>One activation: Orleans' grain type name, the grain's key, the silo it runs on.</summary>
    public sealed record ActivationSummary(string Type, string Key, string Silo);
}
