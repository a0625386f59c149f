namespace Inventory.Server.Infrastructure.Errors;

/// <summary>Stable codes of failures that belong to HTTP rather than the domain. Never rename one.</summary>
public static class HttpErrorCodes
{
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string IdempotencyKeyInProgress = "IDEMPOTENCY_KEY_IN_PROGRESS";
    public const string Overloaded = "OVERLOADED";
    public const string StorageUnavailable = "STORAGE_UNAVAILABLE";
    public const string InternalError = "INTERNAL_ERROR";
    public const string TransferNotFound = "TRANSFER_NOT_FOUND";
    public const string TransferConflict = "TRANSFER_CONFLICT";
    /// <summary>Admin: no stored position with that key.</summary>
    public const string PositionNotFound = "POSITION_NOT_FOUND";
    /// <summary>Admin: the grain to deactivate is not active anywhere.</summary>
    public const string GrainNotActive = "GRAIN_NOT_ACTIVE";
    /// <summary>Admin: the daily report of a day that has not begun.</summary>
    public const string ReportNotAvailable = "REPORT_NOT_AVAILABLE";
}
