namespace Inventory.Domain;

/// <summary>Stock received at one unit cost (and optionally one lot). Quantity is what remains of it.</summary>
public sealed record CostLayer(
    long Id,
    decimal Quantity,
    decimal UnitCost,
    DateTimeOffset ReceivedAt,
    string? Lot = null,
    DateOnly? ExpiresOn = null);
