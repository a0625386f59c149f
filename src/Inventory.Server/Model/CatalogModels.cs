using Inventory.Domain.Catalog;

namespace Inventory.Server.Model;

/// <summary>PUT /api/v1/warehouses/{code}.</summary>
public sealed record WarehouseRequest(string? Name, string? Type, bool? CanShip, bool? CanReceive, bool? IsDefault);

public sealed record WarehouseResponse(string Code, string Name, string Type, bool CanShip, bool CanReceive, bool IsDefault)
{
    public static WarehouseResponse Of(Warehouse w) =>
        new(w.Code, w.Name, w.Type.ToString().ToLowerInvariant(), w.CanShip, w.CanReceive, w.IsDefault);
}

/// <summary>
/// One alternative unit: per (default 1) of the unit = factor base units, exactly (a box = 12 pieces; 1.44 m² = 12
/// pieces when a box covers 1.44 m²); whole units cannot be split.
/// </summary>
public sealed record UnitConversionDto(string? Unit, decimal? Factor, bool? Whole, decimal? Per = null);

/// <summary>PUT /api/v1/products/{sku}.</summary>
public sealed record ProductRequest(
    string? Name,
    string? Type,
    string? BaseUnit,
    bool? WholeBaseUnit,
    IReadOnlyList<UnitConversionDto?>? Conversions,
    string? CostingMethod,
    int? LeadTimeDays,
    IReadOnlyDictionary<string, string>? Metadata,
    string? RemovalStrategy = null);

public sealed record ProductResponse(
    string Sku,
    string Name,
    string Type,
    string BaseUnit,
    bool WholeBaseUnit,
    IReadOnlyList<UnitConversionDto> Conversions,
    string CostingMethod,
    int LeadTimeDays,
    IReadOnlyDictionary<string, string> Metadata,
    string? RemovalStrategy)
{
    public static ProductResponse Of(Product p) => new(
        p.Sku, p.Name, p.Type.ToString().ToUpperInvariant(), p.BaseUnit, p.WholeBaseUnit,
        [.. p.Conversions.Select(c => new UnitConversionDto(c.Unit, c.Factor, c.Whole, c.Per))],
        p.CostingMethod.ToString().ToUpperInvariant(), p.LeadTimeDays, p.Metadata, p.RemovalStrategy?.ToString().ToUpperInvariant());
}
