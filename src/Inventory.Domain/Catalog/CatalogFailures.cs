namespace Inventory.Domain.Catalog;

/// <summary>Failures of catalog lookups and unit conversions, each with a stable code and the facts in its details.</summary>
public static class CatalogFailures
{
    public static Failure ProductNotFound(string sku) =>
        new(ErrorCodes.ProductNotFound, $"Product '{sku}' does not exist.",
            new Dictionary<string, object?> { ["sku"] = sku });

    public static Failure WarehouseNotFound(string code) =>
        new(ErrorCodes.WarehouseNotFound, $"Warehouse '{code}' does not exist.",
            new Dictionary<string, object?> { ["warehouse"] = code });

    public static Failure WarehouseCannotReceive(string code) =>
        new(CatalogErrorCodes.WarehouseCannotReceive, $"Warehouse '{code}' does not receive stock (canReceive is false).",
            new Dictionary<string, object?> { ["warehouse"] = code });

    public static Failure WarehouseCannotShip(string code) =>
        new(CatalogErrorCodes.WarehouseCannotShip, $"Warehouse '{code}' does not ship stock (canShip is false).",
            new Dictionary<string, object?> { ["warehouse"] = code });

    public static Failure UnknownUnit(string sku, string unit, IEnumerable<string> known) =>
        new(ErrorCodes.UnitNotConvertible, $"Product '{sku}' has no unit '{unit}'; known units: {string.Join(", ", known)}.",
            new Dictionary<string, object?> { ["sku"] = sku, ["unit"] = unit });

    public static Failure SplitsWholeUnit(string sku, decimal quantity, string unit) =>
        new(ErrorCodes.UnitNotConvertible, $"{quantity} {unit} of '{sku}' would split a whole {unit}; use a whole number.",
            new Dictionary<string, object?> { ["sku"] = sku, ["unit"] = unit, ["quantity"] = quantity });

    public static Failure InexactConversion(string sku, decimal quantity, string unit) =>
        new(ErrorCodes.UnitNotConvertible, $"{quantity} {unit} of '{sku}' has no exact equivalent in base units.",
            new Dictionary<string, object?> { ["sku"] = sku, ["unit"] = unit, ["quantity"] = quantity });

    public static Failure ProductInUse(string sku, IReadOnlyList<string> fields) =>
        new(CatalogErrorCodes.ProductInUse,
            $"Product '{sku}' has stock or open reservations, so {string.Join(", ", fields)} cannot change: that would revalue or " +
            "reinterpret the stock already there. Bring its stock and reservations to zero first (or add a new unit instead of changing one).",
            new Dictionary<string, object?> { ["sku"] = sku, ["fields"] = fields });
}
