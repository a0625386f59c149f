namespace Inventory.Server.Events;

/// <summary>Ledger movements of the last hour, per minute, for the dashboard chart.</summary>
/// <param name="PerMinute">One point per minute, oldest first, ending with the current minute.</param>
/// <param name="LastMinute">Movements in the last 60 seconds (the current and previous minute, weighted).</param>
public sealed record DashboardMetrics(DateTimeOffset At, IReadOnlyList<MovementPoint> PerMinute, long LastHour, long LastMinute);

/// <summary>How many ledger entries of each type (received, reserved, committed, ...) were written in one minute.</summary>
public sealed record MovementPoint(DateTimeOffset Minute, IReadOnlyDictionary<string, long> Counts)
{
    public long Total => Counts.Values.Sum();
}
