namespace Inventory.Domain;

/// <summary>
/// Stock received at one unit cost, with its lot attributes and the status it is in. Quantity is what remains of it.
/// A status change of part of a layer splits it: the moved part becomes a new layer with the same attributes,
/// kept next to its origin so the list stays in receipt order.
/// </summary>
[GenerateSerializer, Alias("inv.CostLayer"), Immutable]
public sealed record CostLayer(
    long Id,
    decimal Quantity,
    decimal UnitCost,
    DateTimeOffset ReceivedAt,
    string? Lot = null,
    DateOnly? ExpiresOn = null,
    StockStatus Status = StockStatus.Available,
    DateOnly? ManufacturedOn = null,
    string? Supplier = null,
    string? PurchaseOrder = null)
{
    /// <summary>A lot is expired from the day after its expiry date: on the date itself it may still be picked.</summary>
    public bool IsExpiredOn(DateOnly today) => ExpiresOn is { } expiresOn && expiresOn < today;
}
