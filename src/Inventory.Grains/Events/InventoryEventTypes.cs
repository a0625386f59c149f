namespace Inventory.Grains.Events;

/// <summary>
/// The <see cref="IInventoryEvent.Type"/> names. They are part of the public contract (the SignalR hub and the
/// dashboard switch on them): never rename one; add a new name or raise the event's version instead.
/// </summary>
public static class InventoryEventTypes
{
    /// <summary>Stock arrived (ledger type received).</summary>
    public const string StockReceived = "stock.received";
    /// <summary>A reservation holds stock (reserved).</summary>
    public const string StockReserved = "stock.reserved";
    /// <summary>An active reservation's expiry moved (reservation_extended); levels unchanged.</summary>
    public const string StockExtended = "stock.extended";
    /// <summary>A reservation's stock left the warehouse (committed).</summary>
    public const string StockCommitted = "stock.committed";
    /// <summary>A reservation was given back (released).</summary>
    public const string StockReleased = "stock.released";
    /// <summary>A reservation ran out of time (expired).</summary>
    public const string StockExpired = "stock.expired";
    /// <summary>A manual adjustment or count (adjusted); Quantity is signed.</summary>
    public const string StockAdjusted = "stock.adjusted";
    /// <summary>Goods came back to stock (returned).</summary>
    public const string StockReturned = "stock.returned";
    /// <summary>
    /// Stock moved between warehouses: any entry whose reference is a transfer reference
    /// (<see cref="StockEventMapper.IsTransferReference"/>). <see cref="StockEvent.Entry"/> keeps the ledger type
    /// (committed/adjusted out of the source, received in the destination).
    /// </summary>
    public const string StockTransferred = "stock.transferred";
    /// <summary>The levels of one position after a batch of entries: one per position per pump batch.</summary>
    public const string LevelChanged = "level.changed";
    /// <summary>An alert was raised (<see cref="AlertEvent"/>).</summary>
    public const string AlertRaised = "alert.raised";
    /// <summary>Someone acknowledged an alert with a note (<see cref="AlertEvent"/>).</summary>
    public const string AlertAcknowledged = "alert.acknowledged";
    /// <summary>An alert's condition cleared and it was resolved automatically (<see cref="AlertEvent"/>).</summary>
    public const string AlertResolved = "alert.resolved";
}
