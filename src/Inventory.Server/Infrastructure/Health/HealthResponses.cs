using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inventory.Server.Infrastructure.Health;

/// <summary>/health, /health/live and /health/ready, answered as JSON (503 when unhealthy).</summary>
public static class HealthResponses
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapInventoryHealth(this IEndpointRouteBuilder endpoints)
    {
        // Liveness runs no check: the process answers, so it is alive; a dead database makes it unready, not dead.
        endpoints.MapHealthChecks("/health/live", Options(_ => false, "live")).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", Options(c => c.Tags.Contains(ReadyTag), "ready")).AllowAnonymous();
        endpoints.MapHealthChecks("/health", Options(_ => true, "health")).AllowAnonymous();
        return endpoints;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate, string name) => new()
    {
        Predicate = predicate,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = (context, report) => WriteAsync(context, report, name),
    };

    private static Task WriteAsync(HttpContext context, HealthReport report, string name)
    {
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            check = name,
            live = true,
            ready = report.Entries.Where(e => e.Value.Tags.Contains(ReadyTag)).All(e => e.Value.Status != HealthStatus.Unhealthy),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description, durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1) }),
        };
        return context.Response.WriteAsJsonAsync(body); // the API's JSON options
    }
}
