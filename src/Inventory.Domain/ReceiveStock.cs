namespace Inventory.Domain;

/// <summary>Stock arriving at a position, in base units.</summary>
public sealed record ReceiveStock(
    decimal Quantity,
    decimal UnitCost,
    string? Lot = null,
    DateOnly? ExpiresOn = null,
    string? Reference = null,
    string? RequestId = null);
