using Inventory.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Inventory.Server.Infrastructure.Errors;

/// <summary>
/// Builds RFC 7807 problem details with a stable <c>code</c> extension. A failure's details become extensions
/// (e.g. <c>lines</c> of INSUFFICIENT_STOCK); a VALIDATION_FAILED's <c>errors</c> keep the field-to-messages shape.
/// </summary>
public static class Problems
{
    public const string CodeKey = "code";

    public static ProblemHttpResult From(Failure failure) => TypedResults.Problem(Details(failure));

    public static ProblemHttpResult Of(string code, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        From(new Failure(code, message, details));

    public static ProblemHttpResult Validation(string field, string message) =>
        From(new Failure(ErrorCodes.ValidationFailed, message,
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } }));

    public static ProblemDetails Details(Failure failure)
    {
        var problem = new ProblemDetails
        {
            Status = ProblemCatalog.StatusOf(failure.Code),
            Title = ProblemCatalog.TitleOf(failure.Code),
            Detail = failure.Message,
            Type = TypeOf(failure.Code),
        };
        problem.Extensions[CodeKey] = failure.Code;
        if (failure.Details is { } details)
        {
            foreach (var (key, value) in details)
            {
                // The standard members keep their meaning; a detail named like one is renamed rather than lost.
                var name = key is "type" or "title" or "status" or "detail" or "instance" or CodeKey ? "detail_" + key : key;
                problem.Extensions[name] = value;
            }
        }

        return problem;
    }

    /// <summary>A stable, dereference-free type URI per code (RFC 7807 allows URNs).</summary>
    public static string TypeOf(string code) => "urn:inventory:problem:" + code.ToLowerInvariant().Replace('_', '-');
}
