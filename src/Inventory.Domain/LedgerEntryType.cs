namespace Inventory.Domain;

/// <summary>The kind of movement a ledger entry records. Stored lower-case snake in the ledger.</summary>
[GenerateSerializer, Alias("inv.LedgerEntryType")]
public enum LedgerEntryType
{
    /// <summary>Stock arrives: on hand +Quantity, a new cost layer.</summary>
    Received,
    /// <summary>A reservation holds stock: reserved +Quantity.</summary>
    Reserved,
    /// <summary>An active reservation's expiry moved to ExpiresAt. Quantities unchanged.</summary>
    ReservationExtended,
    /// <summary>A reservation's stock leaves: on hand -Quantity, reserved -Quantity, layers drawn.</summary>
    Committed,
    /// <summary>A reservation is given back: reserved -Quantity.</summary>
    Released,
    /// <summary>A reservation ran out of time: reserved -Quantity.</summary>
    Expired,
    /// <summary>A manual adjustment: on hand +/-Quantity (signed), with a reason.</summary>
    Adjusted,
    /// <summary>Goods returned to stock: on hand +Quantity, a new cost layer (in ToStatus).</summary>
    Returned,
    /// <summary>Stock ordered from a supplier under PurchaseOrder: incoming +Quantity; nothing on hand changes.</summary>
    Ordered,
    /// <summary>An order's open quantity cancelled: incoming -Quantity.</summary>
    OrderCancelled,
    /// <summary>Stock moved between statuses (FromStatus to ToStatus), drawn from the layers in Draws; on hand unchanged.</summary>
    StatusChanged,
    /// <summary>Stock written off from FromStatus with a reason (damage, theft, expired, ...): on hand -Quantity, layers drawn.</summary>
    WrittenOff,
    /// <summary>Stock left for another warehouse (a transfer's shipment): on hand -Quantity, layers drawn; they travel in transit.</summary>
    TransferShipped,
    /// <summary>Stock arrived from another warehouse: on hand +Quantity, a new layer at the cost (and lot) it left the source with.</summary>
    TransferReceived,
    /// <summary>Shipped to this position but never arrived, recorded when a transfer is closed short: levels unchanged, TotalCost is the value lost.</summary>
    TransitLoss,
}
