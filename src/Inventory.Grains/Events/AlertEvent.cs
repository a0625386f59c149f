using Inventory.Grains.Alerts;

namespace Inventory.Grains.Events;

/// <summary>
/// Contract version 1 of an alert event: alert.raised, alert.acknowledged or alert.resolved. Alerts are derived
/// from the ledger by a checkpointed consumer, so after a restart they are re-derived, never lost; the alert itself
/// is the stored row (<see cref="Alert"/>), and this event carries it whole.
/// </summary>
/// <param name="Type">alert.raised, alert.acknowledged or alert.resolved.</param>
/// <param name="Version">Always <see cref="CurrentVersion"/>.</param>
/// <param name="Alert">The alert after the change.</param>
/// <param name="LedgerSeq">Sequence of the level change that raised or resolved it; null for an acknowledgement.</param>
[GenerateSerializer, Alias("inv.AlertEvent"), Immutable]
public sealed record AlertEvent(string Type, int Version, Alert Alert, long? LedgerSeq) : IInventoryEvent
{
    public const int CurrentVersion = 1;

    public string Warehouse => Alert.Warehouse;

    public string Sku => Alert.Sku;

    public DateTimeOffset At => Type switch
    {
        InventoryEventTypes.AlertResolved => Alert.ResolvedAt ?? Alert.RaisedAt,
        InventoryEventTypes.AlertAcknowledged => Alert.AcknowledgedAt ?? Alert.RaisedAt,
        _ => Alert.RaisedAt,
    };
}
