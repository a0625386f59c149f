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
    /// Stock moved between warehouses: the legs of a transfer (transfer_shipped out of the source, transfer_received
    /// into the destination, transit_loss for what never arrived), and any entry whose reference is a transfer
    /// reference (<see cref="StockEventMapper.IsTransferReference"/>). <see cref="StockEvent.Entry"/> keeps the ledger type.
    /// </summary>
    public const string StockTransferred = "stock.transferred";
    /// <summary>Stock written off from a status with a reason: damage, theft, expired (written_off).</summary>
    public const string StockWrittenOff = "stock.written_off";
    /// <summary>Stock moved between available, quality control and damaged (status_changed); on hand unchanged.</summary>
    public const string StockStatusChanged = "stock.status_changed";
    /// <summary>Stock put on order under a purchase order: incoming, not on hand (ordered).</summary>
    public const string StockOrdered = "stock.ordered";
    /// <summary>Open quantity of a purchase order cancelled (order_cancelled).</summary>
    public const string StockOrderCancelled = "stock.order_cancelled";
    /// <summary>The levels of one position after a batch of entries: one per position per read of its ledger queue.</summary>
    public const string LevelChanged = "level.changed";
    /// <summary>An alert was raised (<see cref="AlertEvent"/>).</summary>
    public const string AlertRaised = "alert.raised";
    /// <summary>Someone acknowledged an alert with a note (<see cref="AlertEvent"/>).</summary>
    public const string AlertAcknowledged = "alert.acknowledged";
    /// <summary>An alert's condition cleared and it was resolved automatically (<see cref="AlertEvent"/>).</summary>
    public const string AlertResolved = "alert.resolved";
}
