namespace Inventory.Domain.Catalog;

/// <summary>
/// One alternative unit of a product: 1 <see cref="Unit"/> = <see cref="Factor"/> base units, exactly.
/// A <see cref="Whole"/> unit cannot be split: quantities in it must be whole numbers (a box of 12 tiles).
/// </summary>
public sealed record UnitConversion(string Unit, decimal Factor, bool Whole = false);
