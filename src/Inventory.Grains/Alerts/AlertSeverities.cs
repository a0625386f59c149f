namespace Inventory.Grains.Alerts;

/// <summary>How urgent an alert is; stored in alerts.severity.</summary>
public static class AlertSeverities
{
    /// <summary>Worth a look (overstock).</summary>
    public const string Info = "info";
    /// <summary>Act soon (low stock, lots expiring within the horizon).</summary>
    public const string Warning = "warning";
    /// <summary>Act now (out of stock, lots expired or expiring within <see cref="AlertOptions.CriticalExpiryDays"/>).</summary>
    public const string Critical = "critical";
}
