namespace Inventory.Grains.Events;

/// <summary>
/// What every live event has: its <see cref="Type"/> (one of <see cref="InventoryEventTypes"/>), the contract
/// <see cref="Version"/> of its shape, the position it concerns and when it happened. Subscribe to the stream bus
/// with this type to receive stock and alert events alike.
/// </summary>
public interface IInventoryEvent
{
    string Type { get; }

    /// <summary>Version of the event's shape. A consumer ignores versions it does not know.</summary>
    int Version { get; }

    string Warehouse { get; }

    string Sku { get; }

    DateTimeOffset At { get; }
}
