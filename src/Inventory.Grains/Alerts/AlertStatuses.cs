namespace Inventory.Grains.Alerts;

/// <summary>Life of an alert: open -> acknowledged (someone saw it, with a note) -> resolved (the condition cleared).</summary>
public static class AlertStatuses
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";

    /// <summary>Filter value meaning open or acknowledged (not yet resolved).</summary>
    public const string Active = "active";

    public static bool IsFilter(string status) => status is Open or Acknowledged or Resolved or Active;
}
