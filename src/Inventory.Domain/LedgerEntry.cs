namespace Inventory.Domain;

/// <summary>
/// One immutable movement of one position. The position's state is exactly the fold of its entries
/// (<see cref="StockPosition.Apply"/>). <see cref="Sequence"/> is the position-local sequence (1, 2, 3 ...);
/// the store assigns a global ledger number on top.
/// </summary>
[GenerateSerializer, Alias("inv.LedgerEntry"), Immutable]
public sealed record LedgerEntry
{
    [Id(0)]
    public required PositionKey Position { get; init; }
    [Id(1)]
    public required long Sequence { get; init; }
    [Id(2)]
    public required LedgerEntryType Type { get; init; }
    /// <summary>Size of the movement, always positive except for Adjusted where the sign is the direction.</summary>
    [Id(3)]
    public required decimal Quantity { get; init; }
    /// <summary>Unit cost of stock coming in (Received, Returned, positive Adjusted); average charged for outgoing.</summary>
    [Id(4)]
    public decimal? UnitCost { get; init; }
    /// <summary>Total value moved: quantity x cost for receipts, cost of goods for issues. Zero for reserve/release.</summary>
    [Id(5)]
    public decimal TotalCost { get; init; }
    [Id(6)]
    public required decimal OnHandAfter { get; init; }
    [Id(7)]
    public required decimal ReservedAfter { get; init; }
    [Id(8)]
    public string? ReservationId { get; init; }
    /// <summary>Expiry of the reservation (Reserved, ReservationExtended).</summary>
    [Id(9)]
    public DateTimeOffset? ExpiresAt { get; init; }
    [Id(10)]
    public string? Reference { get; init; }
    /// <summary>Adjustment reason, lower-case (count, damage, ...), or a free note for other types.</summary>
    [Id(11)]
    public string? Reason { get; init; }
    [Id(12)]
    public string? Lot { get; init; }
    [Id(13)]
    public DateOnly? LotExpiresOn { get; init; }
    /// <summary>Layers an outflow or status change drew from (Committed, negative Adjusted, WrittenOff, StatusChanged, TransferShipped; the lost lines of a TransitLoss). Empty otherwise.</summary>
    [Id(14)]
    public IReadOnlyList<LayerDraw> Draws { get; init; } = [];
    /// <summary>Status a status change, write-off or shipment takes stock from; null means available.</summary>
    [Id(15)]
    public StockStatus? FromStatus { get; init; }
    /// <summary>Status an inflow or a status change puts stock in; null means available.</summary>
    [Id(16)]
    public StockStatus? ToStatus { get; init; }
    [Id(17)]
    public DateOnly? ManufacturedOn { get; init; }
    [Id(18)]
    public string? Supplier { get; init; }
    /// <summary>Purchase order of a receipt (settles its incoming quantity) or of an order entry.</summary>
    [Id(19)]
    public string? PurchaseOrder { get; init; }
    /// <summary>Who approved a correction above the approval limit (User and Role are who asked for it).</summary>
    [Id(20)]
    public string? ApprovedBy { get; init; }
    [Id(21)]
    public string? ApprovedRole { get; init; }
    /// <summary>Quantity in quality control after the entry (on hand, not sellable).</summary>
    [Id(22)]
    public decimal QualityAfter { get; init; }
    /// <summary>Damaged quantity after the entry (on hand, not sellable).</summary>
    [Id(23)]
    public decimal DamagedAfter { get; init; }
    /// <summary>Quantity on order (not on hand) after the entry.</summary>
    [Id(24)]
    public decimal IncomingAfter { get; init; }
    /// <summary>Idempotency key of the request that caused the entry, if any.</summary>
    [Id(25)]
    public string? RequestId { get; init; }
    [Id(26)]
    public required string User { get; init; }
    [Id(27)]
    public required string Role { get; init; }
    [Id(28)]
    public required DateTimeOffset At { get; init; }
}
