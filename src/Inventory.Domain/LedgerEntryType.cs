namespace Inventory.Domain;

/// <summary>The kind of movement a ledger entry records. Stored lower-case snake in the ledger.</summary>
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
    /// <summary>Goods returned to stock: on hand +Quantity, a new cost layer.</summary>
    Returned,
}
