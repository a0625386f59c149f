namespace Inventory.Grains.Alerts;

/// <summary>The rules an alert grain evaluates; stored in alerts.kind. Part of the API contract.</summary>
public static class AlertKinds
{
    /// <summary>Available at or below the position's reorder point (only positions with a reorder point).</summary>
    public const string LowStock = "low_stock";
    /// <summary>Nothing available: available at or below zero.</summary>
    public const string OutOfStock = "out_of_stock";
    /// <summary>On hand above the position's max stock (only positions with a max stock).</summary>
    public const string Overstock = "overstock";
    /// <summary>Lots with stock left that expire within the horizon (<see cref="AlertOptions.ExpiryHorizon"/>).</summary>
    public const string ExpiringLots = "expiring_lots";

    public static readonly IReadOnlyList<string> All = [OutOfStock, LowStock, Overstock, ExpiringLots];

    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);
}
