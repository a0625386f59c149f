using Inventory.Domain;

namespace Inventory.Server.Infrastructure.Errors;

/// <summary>Writes a problem response from middleware and handlers that have no endpoint result to return.</summary>
public static class ProblemWriter
{
    public static async Task WriteAsync(HttpContext context, Failure failure, int? status = null)
    {
        var problem = Problems.Details(failure);
        if (status is { } explicitStatus) problem.Status = explicitStatus;
        context.Response.StatusCode = problem.Status!.Value;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }

    public static Task WriteAsync(HttpContext context, string code, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        WriteAsync(context, new Failure(code, message, details));
}
