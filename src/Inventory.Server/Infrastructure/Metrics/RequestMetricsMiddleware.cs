using System.Diagnostics;

namespace Inventory.Server.Infrastructure.Metrics;

/// <summary>Counts every request by method, route template and status, and records its latency.</summary>
public sealed class RequestMetricsMiddleware(RequestDelegate next, InventoryMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // The route template, not the path: /api/v1/stock/{warehouse}/{sku} is one series, not one per SKU.
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";
            metrics.RequestFinished(context.Request.Method, route, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
