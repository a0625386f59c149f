using System.Reflection;
using System.Security.Claims;
using Inventory.Queries.Live;
using Inventory.Server.Events;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inventory.Server.Apis;

/// <summary>
/// The live dashboard: the page itself at /dashboard (static files embedded in this assembly, so nothing is built or
/// fetched at run time) and the read models it starts from, under /api/v1/dashboard. Events over /hubs/stock keep it
/// current afterwards.
/// </summary>
public static class DashboardApi
{
    private const string ResourcePrefix = "dashboard/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    };

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/dashboard").WithTags("Dashboard");
        api.MapGet("/reservations", Reservations).RequireAuthorization(Policies.Read)
            .WithSummary("Lines of active reservations, soonest expiry first (warehouse, limit).");
        api.MapGet("/movements", Movements).RequireAuthorization(Policies.Read)
            .WithSummary("Ledger movements per minute over the last hour (also pushed to hub metrics subscribers).");
        api.MapGet("/capabilities", Capabilities).RequireAuthorization(Policies.Read)
            .WithSummary("The capabilities of the role matrix the caller's roles grant (the page offers only those actions).");

        app.MapGet("/dashboard/{**file}", Page).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<ActiveReservationLine>>, ProblemHttpResult>> Reservations(
        LiveQueries queries, CancellationToken cancellationToken, string? warehouse = null, int limit = 200)
    {
        if (limit is < 1 or > 1000)
            return Problems.Validation("limit", "limit must be between 1 and 1000.");
        return TypedResults.Ok(await queries.ActiveReservationsAsync(warehouse, limit, cancellationToken));
    }

    public static Ok<DashboardMetrics> Movements(MovementSeries series) => TypedResults.Ok(series.Snapshot());

    public static Ok<IReadOnlyList<string>> Capabilities(ClaimsPrincipal user) => TypedResults.Ok(Policies.Of(user));

    /// <summary>A file of wwwroot/dashboard (embedded as "dashboard/..."); the page is public, its data needs a token.</summary>
    public static IResult Page(string? file, HttpContext context)
    {
        if (string.IsNullOrEmpty(file) && !context.Request.Path.Value!.EndsWith('/'))
            return TypedResults.Redirect("/dashboard/");
        var name = string.IsNullOrEmpty(file) ? "index.html" : file;
        if (name.Contains("..", StringComparison.Ordinal) || !ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
            return TypedResults.NotFound();
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + name);
        if (stream is null)
            return TypedResults.NotFound();
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Stream(stream, contentType);
    }
}
