using System.Text.Json;
using Inventory.Domain;
using Inventory.Grains.Storage;
using Npgsql;

namespace Inventory.Server.Infrastructure.Errors;

/// <summary>
/// Turns exceptions into problem responses with stable codes: bad bodies are the client's (400/413/415), overload and
/// storage faults are retryable (503 + Retry-After), anything else is a bug (500, logged with the exception).
/// </summary>
public sealed partial class ExceptionProblemMiddleware(RequestDelegate next, ILogger<ExceptionProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            var (failure, retryAfter) = Classify(exception);
            if (failure.Code == HttpErrorCodes.InternalError)
                LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
            else if (retryAfter is not null)
                LogRetryable(logger, failure.Code, exception.GetType().Name, exception.Message);
            context.Response.Clear();
            if (retryAfter is { } seconds)
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ProblemWriter.WriteAsync(context, failure);
        }
    }

    internal static (Failure Failure, int? RetryAfterSeconds) Classify(Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return (new Failure(HttpErrorCodes.PayloadTooLarge,
                    $"The request body is larger than the limit of {InventoryLimits.MaxRequestBodyBytes} bytes.",
                    new Dictionary<string, object?> { ["maxBytes"] = InventoryLimits.MaxRequestBodyBytes }), null);
            case BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } bad:
                return (new Failure(HttpErrorCodes.UnsupportedMediaType, "Send the body as application/json. " + bad.Message), null);
            case BadHttpRequestException bad:
                return (BodyFailure(bad.InnerException as JsonException, bad.Message), null);
            case JsonException json:
                return (BodyFailure(json, json.Message), null);
            case LimitExceededException:
                return (new Failure(HttpErrorCodes.Overloaded, "The service is overloaded for this item; retry shortly."), 1);
            case TimeoutException:
                return (new Failure(HttpErrorCodes.Overloaded, "The request took too long inside the service; retry shortly."), 1);
            case SiloUnavailableException:
            case OrleansMessageRejectionException:
                return (new Failure(HttpErrorCodes.Overloaded, "The node holding this item is not reachable right now; retry shortly."), 1);
            case NpgsqlException:
            case VersionConflictException:
                return (new Failure(HttpErrorCodes.StorageUnavailable,
                    "The database could not record the change; nothing was applied. Retry shortly."), 2);
            default:
                return (new Failure(HttpErrorCodes.InternalError, "An unexpected error occurred; it has been logged."), null);
        }
    }

    private static Failure BodyFailure(JsonException? json, string message)
    {
        var field = json?.Path is { Length: > 0 } path ? path.TrimStart('$', '.') : "body";
        var text = json is null ? message : "The body is not valid JSON for this request: " + json.Message;
        return new Failure(ErrorCodes.ValidationFailed, text, new Dictionary<string, object?>
        {
            ["errors"] = new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [text] },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retryable failure {Code}: {ExceptionType}: {ExceptionMessage}")]
    private static partial void LogRetryable(ILogger logger, string code, string exceptionType, string exceptionMessage);
}
