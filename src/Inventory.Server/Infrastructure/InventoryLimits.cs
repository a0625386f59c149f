namespace Inventory.Server.Infrastructure;

/// <summary>Documented limits of the API (docs/api.md, "Limits"). Inputs beyond them are refused with a 4xx and change nothing.</summary>
public static class InventoryLimits
{
    /// <summary>Largest request body: 1 MiB (413 PAYLOAD_TOO_LARGE beyond).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Most items in one bulk receipt or bulk adjustment (413 PAYLOAD_TOO_LARGE beyond).</summary>
    public const int MaxBulkItems = 500;

    /// <summary>Most entries in one page of a ledger or stock listing.</summary>
    public const int MaxPageSize = 1000;

    public const int DefaultPageSize = 100;

    /// <summary>Longest accepted Idempotency-Key.</summary>
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>How long an Idempotency-Key's response is kept for replays.</summary>
    public static readonly TimeSpan IdempotencyKeyRetention = TimeSpan.FromHours(24);

    /// <summary>Default reservation lifetime when the request names none: 15 minutes.</summary>
    public const int DefaultReservationTtlSeconds = 15 * 60;

    /// <summary>Longest free-text reference stored with a movement.</summary>
    public const int MaxReferenceLength = 200;
}
