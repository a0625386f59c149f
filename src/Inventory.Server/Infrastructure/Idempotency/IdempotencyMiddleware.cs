using System.Security.Cryptography;
using System.Text;
using Inventory.Domain;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Storage.Postgres.Idempotency;
using Polly;
using Polly.Retry;

namespace Inventory.Server.Infrastructure.Idempotency;

/// <summary>
/// Idempotency-Key on POST: the first request with a key (per user) runs and its response is stored; a repeat with
/// the same method, path and body gets that response again (same status, body and Location, plus
/// <c>Idempotent-Replayed: true</c>); the same key with a different request is 422 IDEMPOTENCY_KEY_REUSED.
/// A duplicate that arrives while the first is still running waits for it. Retryable failures (5xx) are not stored.
/// </summary>
/// <remarks>Runs after authorization, so only requests the user may make claim a key.</remarks>
public sealed partial class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(35);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Headers.TryGetValue(HeaderName, out var values))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > InventoryLimits.MaxIdempotencyKeyLength || key.Any(c => c is < (char)0x21 or > (char)0x7E))
        {
            await ProblemWriter.WriteAsync(context, new Failure(ErrorCodes.ValidationFailed,
                $"{HeaderName} must be 1-{InventoryLimits.MaxIdempotencyKeyLength} visible ASCII characters.",
                new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [HeaderName] = ["Invalid key."] } }));
            return;
        }

        // The body is read once here (Kestrel enforces the size limit) and handed on from memory.
        var body = await ReadBodyAsync(request, context.RequestAborted);
        var scope = context.User.Identity?.Name ?? "anonymous";
        var hash = Hash(request.Method, request.Path + request.QueryString, body);
        RequestIds.Set(context, scope, key);

        for (var attempt = 0; ; attempt++)
        {
            var claim = await store.ClaimAsync(scope, key, hash, context.RequestAborted);
            if (claim.Claimed)
            {
                await RunFirstAsync(context, scope, key);
                return;
            }

            if (claim.Existing is null)
            {
                if (attempt < 3) continue; // the first attempt was just abandoned: claim again
                throw new InvalidOperationException($"Idempotency key '{key}' could neither be claimed nor read.");
            }

            if (!string.Equals(claim.Existing.RequestHash, hash, StringComparison.Ordinal))
            {
                await ProblemWriter.WriteAsync(context, HttpErrorCodes.IdempotencyKeyReused,
                    $"{HeaderName} '{key}' was already used for a different request (method, path or body differ). Use a new key for a new request.",
                    new Dictionary<string, object?> { ["idempotencyKey"] = key });
                return;
            }

            var stored = claim.Existing.IsComplete ? claim.Existing : await WaitForFirstAsync(scope, key, context.RequestAborted);
            if (stored is null)
            {
                if (attempt < 3) continue; // the first request failed retryably and gave the key up: run this one
                break;
            }

            if (!stored.IsComplete)
                break;
            LogReplayed(logger, key, stored.StatusCode);
            await ReplayAsync(context, stored);
            return;
        }

        context.Response.Headers.RetryAfter = "1";
        await ProblemWriter.WriteAsync(context, HttpErrorCodes.IdempotencyKeyInProgress,
            $"A request with {HeaderName} '{key}' is still being processed; retry shortly to get its response.");
    }

    private async Task RunFirstAsync(HttpContext context, string scope, string key)
    {
        var response = context.Response;
        var original = response.Body;
        await using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            response.Body = original;
            await store.AbandonAsync(scope, key, CancellationToken.None);
            throw;
        }

        response.Body = original;
        var status = response.StatusCode;
        // Retryable outcomes (overload, storage down) changed nothing: a retry with the same key must run again.
        if (status >= 500)
            await store.AbandonAsync(scope, key, CancellationToken.None);
        else
            await store.CompleteAsync(scope, key, status, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length),
                response.ContentType, response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, CancellationToken.None);
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>
    /// Reads the key again every <see cref="PollInterval"/> for up to <see cref="WaitForFirst"/> while the first request
    /// with it is running: its response once complete, null when it gave the key up, else the still unfinished record.
    /// Each read that finds it unfinished is logged at Debug (event <see cref="WaitingEventId"/>).
    /// </summary>
    private readonly ResiliencePipeline<StoredResponse?> _whileUnfinished = new ResiliencePipelineBuilder<StoredResponse?>()
        .AddRetry(new RetryStrategyOptions<StoredResponse?>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { IsComplete: false }),
            BackoffType = DelayBackoffType.Constant,
            Delay = PollInterval,
            UseJitter = false,
            MaxRetryAttempts = (int)(WaitForFirst / PollInterval),
            OnRetry = args =>
            {
                LogWaiting(logger, args.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private async Task<StoredResponse?> WaitForFirstAsync(string scope, string key, CancellationToken cancellationToken) =>
        await _whileUnfinished.ExecuteAsync(async token => await store.GetAsync(scope, key, token), cancellationToken);

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        var response = context.Response;
        response.StatusCode = stored.StatusCode;
        response.Headers[ReplayedHeader] = "true";
        if (stored.ContentType is not null) response.ContentType = stored.ContentType;
        if (stored.Location is not null) response.Headers.Location = stored.Location;
        await response.WriteAsync(stored.Body, Encoding.UTF8, context.RequestAborted);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken);
        var bytes = copy.ToArray();
        request.Body = new MemoryStream(bytes, writable: false);
        return bytes;
    }

    internal static string Hash(string method, string pathAndQuery, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(method + " " + pathAndQuery + "\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public const int WaitingEventId = 8601;

    [LoggerMessage(EventId = WaitingEventId, Level = LogLevel.Debug, Message = "A duplicate waits for the first request with its Idempotency-Key to finish (read {Reads})")]
    private static partial void LogWaiting(ILogger logger, int reads);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed the stored response ({Status}) of Idempotency-Key {Key}")]
    private static partial void LogReplayed(ILogger logger, string key, int status);
}
