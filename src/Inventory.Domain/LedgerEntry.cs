namespace Inventory.Domain;

/// <summary>
/// One immutable movement of one position. The position's state is exactly the fold of its entries
/// (<see cref="StockPosition.Apply"/>). <see cref="Sequence"/> is the position-local sequence (1, 2, 3 ...);
/// the store assigns a global ledger number on top.
/// </summary>
public sealed record LedgerEntry
{
    public required PositionKey Position { get; init; }
    public required long Sequence { get; init; }
    public required LedgerEntryType Type { get; init; }
    /// <summary>Size of the movement, always positive except for Adjusted where the sign is the direction.</summary>
    public required decimal Quantity { get; init; }
    /// <summary>Unit cost of stock coming in (Received, Returned, positive Adjusted); average charged for outgoing.</summary>
    public decimal? UnitCost { get; init; }
    /// <summary>Total value moved: quantity x cost for receipts, cost of goods for issues. Zero for reserve/release.</summary>
    public decimal TotalCost { get; init; }
    public required decimal OnHandAfter { get; init; }
    public required decimal ReservedAfter { get; init; }
    public string? ReservationId { get; init; }
    /// <summary>Expiry of the reservation (Reserved, ReservationExtended).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
    public string? Reference { get; init; }
    /// <summary>Adjustment reason, lower-case (count, damage, ...), or a free note for other types.</summary>
    public string? Reason { get; init; }
    public string? Lot { get; init; }
    public DateOnly? LotExpiresOn { get; init; }
    /// <summary>Layers an outflow or status change drew from (Committed, negative Adjusted, WrittenOff, StatusChanged, TransferShipped; the lost lines of a TransitLoss). Empty otherwise.</summary>
    public IReadOnlyList<LayerDraw> Draws { get; init; } = [];
    /// <summary>Status a status change, write-off or shipment takes stock from; null means available.</summary>
    public StockStatus? FromStatus { get; init; }
    /// <summary>Status an inflow or a status change puts stock in; null means available.</summary>
    public StockStatus? ToStatus { get; init; }
    public DateOnly? ManufacturedOn { get; init; }
    public string? Supplier { get; init; }
    /// <summary>Purchase order of a receipt (settles its incoming quantity) or of an order entry.</summary>
    public string? PurchaseOrder { get; init; }
    /// <summary>Who approved a correction above the approval limit (User and Role are who asked for it).</summary>
    public string? ApprovedBy { get; init; }
    public string? ApprovedRole { get; init; }
    /// <summary>Quantity in quality control after the entry (on hand, not sellable).</summary>
    public decimal QualityAfter { get; init; }
    /// <summary>Damaged quantity after the entry (on hand, not sellable).</summary>
    public decimal DamagedAfter { get; init; }
    /// <summary>Quantity on order (not on hand) after the entry.</summary>
    public decimal IncomingAfter { get; init; }
    /// <summary>Idempotency key of the request that caused the entry, if any.</summary>
    public string? RequestId { get; init; }
    public required string User { get; init; }
    public required string Role { get; init; }
    public required DateTimeOffset At { get; init; }
}
