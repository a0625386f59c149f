namespace Inventory.Grains.Alerts;

public sealed class AlertOptions
{
    public static readonly TimeSpan DefaultThrottleWindow = TimeSpan.FromHours(1);
    public static readonly TimeSpan DefaultExpiryHorizon = TimeSpan.FromDays(30);
    public const int DefaultCriticalExpiryDays = 7;
    public static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// The same alert (position + kind) is not raised again within this time after it was last raised, even if it
    /// was resolved in between: a position flapping around its reorder point raises one alert an hour, not hundreds.
    /// </summary>
    public TimeSpan ThrottleWindow { get; set; } = DefaultThrottleWindow;

    /// <summary>Lots expiring within this time (whole days) raise an expiring_lots alert.</summary>
    public TimeSpan ExpiryHorizon { get; set; } = DefaultExpiryHorizon;

    /// <summary>Lots expiring within this many days (or already expired) make the expiring_lots alert critical.</summary>
    public int CriticalExpiryDays { get; set; } = DefaultCriticalExpiryDays;

    /// <summary>How often <see cref="AlertSweep"/> re-evaluates lots that time (not a movement) brings into the horizon.</summary>
    public TimeSpan SweepInterval { get; set; } = DefaultSweepInterval;
}
