namespace Inventory.Grains.Alerts;

/// <summary>Stable codes of refused alert operations (ProblemDetails "code").</summary>
public static class AlertErrorCodes
{
    public const string AlertNotFound = "ALERT_NOT_FOUND";
    public const string AlertResolved = "ALERT_RESOLVED";
    public const string NoteTooLong = "VALIDATION_FAILED";
}
