using Inventory.Server.Infrastructure.Logging;
using Inventory.Server.Infrastructure.Metrics;

namespace Inventory.Server.Infrastructure.Errors;

/// <summary>
/// Applied to every problem the service writes (handlers, middleware, bare status codes): guarantees the stable
/// <c>code</c> and a type, adds the request's correlation id, and counts the refusal by code (<see cref="InventoryMetrics"/>).
/// </summary>
public static class ProblemCustomization
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (!problem.Extensions.TryGetValue(Problems.CodeKey, out var given) || given is not string code)
        {
            code = ProblemCatalog.CodeOfStatus(status);
            problem.Extensions[Problems.CodeKey] = code;
            problem.Type = Problems.TypeOf(code);
            problem.Title ??= ProblemCatalog.TitleOf(code);
            problem.Detail ??= status switch
            {
                404 => $"No endpoint at {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}.",
                405 => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}.",
                _ => problem.Title,
            };
        }

        context.HttpContext.RequestServices.GetService<InventoryMetrics>()?.Refusal(code, status);
        if (CorrelationIdMiddleware.Of(context.HttpContext) is { } correlationId)
            problem.Extensions["correlationId"] = correlationId;
    }
}
