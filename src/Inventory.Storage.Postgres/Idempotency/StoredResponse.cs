namespace Inventory.Storage.Postgres.Idempotency;

/// <summary>
/// What an Idempotency-Key holds: the hash of the request it was first used with and, once that request finished,
/// its response. <see cref="IsComplete"/> is false while the first request is still running.
/// </summary>
public sealed record StoredResponse(string RequestHash, int StatusCode, string Body, string? ContentType, string? Location)
{
    public bool IsComplete => StatusCode != 0;
}
