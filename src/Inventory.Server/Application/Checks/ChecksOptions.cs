namespace Inventory.Server.Application.Checks;

/// <summary>
/// The background checks (configuration section <c>Inventory:Checks</c>): the expiry sweep, the hourly consistency
/// check and the daily summary report. Intervals are TimeSpans ("00:00:30", "01:00:00").
/// </summary>
public sealed class ChecksOptions
{
    public const string SectionName = "Inventory:Checks";

    /// <summary>How often the expiry sweep looks for reservations nobody expired, e.g. after downtime (30 s).</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    public bool ConsistencyCheckEnabled { get; set; } = true;

    /// <summary>How often the consistency check runs (1 hour).</summary>
    public TimeSpan ConsistencyInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Delay of the first consistency check after start-up (1 minute), so it does not compete with recovery.</summary>
    public TimeSpan ConsistencyFirstRunDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a line of an expired reservation may outlive it before it counts as orphaned (5 minutes).</summary>
    public TimeSpan OrphanTolerance { get; set; } = TimeSpan.FromMinutes(5);

    public bool DailyReportEnabled { get; set; } = true;

    /// <summary>UTC time of day at which the previous day's report is written (00:05).</summary>
    public TimeSpan DailyReportTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where reports are written; default <c>&lt;data directory&gt;/reports</c>.</summary>
    public string? ReportsDirectory { get; set; }

    public void Validate()
    {
        if (ExpirySweepInterval <= TimeSpan.Zero || ConsistencyInterval <= TimeSpan.Zero)
            throw new InvalidOperationException($"{SectionName}: ExpirySweepInterval and ConsistencyInterval must be positive.");
        if (ConsistencyFirstRunDelay < TimeSpan.Zero || OrphanTolerance < TimeSpan.Zero)
            throw new InvalidOperationException($"{SectionName}: ConsistencyFirstRunDelay and OrphanTolerance must not be negative.");
        if (DailyReportTime < TimeSpan.Zero || DailyReportTime >= TimeSpan.FromDays(1))
            throw new InvalidOperationException($"{SectionName}: DailyReportTime must be a time of day between 00:00 and 23:59:59.");
    }
}
