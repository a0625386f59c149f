namespace Inventory.Domain;

/// <summary>
/// On hand of one lot (layers with the same lot and expiry date) by status, with its value under the position's
/// costing method (layer costs; the average for AVERAGE). <see cref="Lot"/> is null for stock received without one.
/// </summary>
[GenerateSerializer, Alias("inv.LotBalance"), Immutable]
public sealed record LotBalance(
    string? Lot,
    DateOnly? ExpiresOn,
    DateOnly? ManufacturedOn,
    string? Supplier,
    decimal Available,
    decimal QualityControl,
    decimal Damaged,
    decimal Value,
    bool Expired)
{
    public decimal OnHand => Available + QualityControl + Damaged;
}
