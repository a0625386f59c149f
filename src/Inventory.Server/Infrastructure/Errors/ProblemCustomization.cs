using Inventory.Server.Infrastructure.Logging;

namespace Inventory.Server.Infrastructure.Errors;

/// <summary>
/// Applied to every problem the service writes (handlers, middleware, bare status codes): guarantees the stable
/// <c>code</c> and a type, and adds the request's correlation id.
/// </summary>
public static class ProblemCustomization
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (!problem.Extensions.ContainsKey(Problems.CodeKey))
        {
            var code = ProblemCatalog.CodeOfStatus(status);
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

        if (CorrelationIdMiddleware.Of(context.HttpContext) is { } correlationId)
            problem.Extensions["correlationId"] = correlationId;
    }
}
