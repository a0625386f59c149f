namespace Inventory.Domain;

/// <summary>
/// Stock arriving at a position, in base units, with its lot attributes. <see cref="Status"/> is the receipt's quality
/// status: available (released), quality control (waiting for inspection) or damaged (arrived broken). A receipt
/// against an open <see cref="PurchaseOrder"/> settles that order's incoming quantity.
/// </summary>
[GenerateSerializer, Alias("inv.ReceiveStock"), Immutable]
public sealed record ReceiveStock(
    decimal Quantity,
    decimal UnitCost,
    string? Lot = null,
    DateOnly? ExpiresOn = null,
    string? Reference = null,
    string? RequestId = null,
    StockStatus Status = StockStatus.Available,
    DateOnly? ManufacturedOn = null,
    string? Supplier = null,
    string? PurchaseOrder = null);
