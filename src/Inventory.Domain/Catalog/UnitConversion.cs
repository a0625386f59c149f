namespace Inventory.Domain.Catalog;

/// <summary>
/// One alternative unit of a product: <see cref="Per"/> <see cref="Unit"/> = <see cref="Factor"/> base units, exactly
/// (Per is 1 unless said otherwise: 1 box = 12 pieces). Per lets a unit whose factor is not a finite decimal be
/// stated exactly: a box of 12 tiles covers 1.44 m², so 1.44 m² = 12 pieces (1 m² would be 8.333... pieces).
/// A <see cref="Whole"/> unit cannot be split: quantities in it must be whole numbers (a box of 12 tiles).
/// </summary>
[GenerateSerializer, Alias("inv.UnitConversion"), Immutable]
public sealed record UnitConversion(string Unit, decimal Factor, bool Whole = false, decimal Per = 1m);
