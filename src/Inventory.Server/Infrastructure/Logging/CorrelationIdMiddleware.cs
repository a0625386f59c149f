using System.Diagnostics;

namespace Inventory.Server.Infrastructure.Logging;

/// <summary>
/// Every request has a correlation id: the caller's X-Correlation-Id when it is sane, else a new one. It is echoed
/// in the response, put in the logging scope of everything the request logs, and added to problem details.
/// </summary>
public sealed partial class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-Id";
    private const string ItemKey = "inventory.correlation";

    public static string? Of(HttpContext context) => context.Items[ItemKey] as string;

    public async Task InvokeAsync(HttpContext context)
    {
        string? supplied = context.Request.Headers[HeaderName];
        var id = IsSane(supplied) ? supplied! : Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = id;
            return Task.CompletedTask;
        });

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id });
        var started = Stopwatch.GetTimestamp();
        await next(context);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (context.Response.StatusCode >= 500)
            LogFailed(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, elapsed);
        else
            LogHandled(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, elapsed);
    }

    private static bool IsSane(string? id) =>
        id is { Length: > 0 and <= 100 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} answered {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string method, string path, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} failed with {Status} after {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, string method, string path, int status, double elapsedMs);
}
