namespace Inventory.Grains.Alerts;

/// <summary>
/// What an alert grain loads on activation: the position's active alerts by kind, when each kind was last raised
/// (for the throttle) and the highest ledger sequence that raised or resolved one of them (events at or before
/// it were already evaluated: replays after a restart are skipped).
/// </summary>
[GenerateSerializer, Alias("inv.PositionAlerts"), Immutable]
public sealed record PositionAlerts(
    IReadOnlyDictionary<string, Alert> Active,
    IReadOnlyDictionary<string, DateTimeOffset> LastRaised,
    long LastSeq)
{
    public static readonly PositionAlerts None = new(new Dictionary<string, Alert>(), new Dictionary<string, DateTimeOffset>(), 0);
}
