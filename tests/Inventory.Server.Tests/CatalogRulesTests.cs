using Inventory.Domain;
using Inventory.Domain.Catalog;

namespace Inventory.Server.Tests;

/// <summary>The pure catalog rules behind UNIT_NOT_CONVERTIBLE: conversions are exact or refused.</summary>
public sealed class CatalogRulesTests
{
    private static readonly Product Tile = Product.Define("TILE", "Tile", ProductType.Finished, "piece", wholeBaseUnit: true,
        [new UnitConversion("box", 12m, Whole: true), new UnitConversion("m2", 12.5m)], CostingMethod.Fifo, 0, null).Value;

    private static readonly Product Cable = Product.Define("CABLE", "Cable", ProductType.Raw, "m", wholeBaseUnit: false,
        [new UnitConversion("cm", 0.01m), new UnitConversion("drum", 0.3333333333333333333333333333m)], CostingMethod.Average, 0, null).Value;

    [Theory]
    [InlineData(2, "box", 24)]
    [InlineData(-2, "BOX", -24)]
    [InlineData(2, "m2", 25)]
    [InlineData(7, null, 7)]
    [InlineData(7, "piece", 7)]
    public void WholeUnitsConvertToWholeBaseUnits(decimal quantity, string? unit, decimal expected) =>
        Assert.Equal(expected, Tile.ToBaseUnits(quantity, unit).Value);

    [Theory]
    [InlineData(1.5, "box")]
    [InlineData(1, "m2")]
    [InlineData(0.5, null)]
    [InlineData(1, "pallet")]
    public void SplittingAWholeUnitOrAnUnknownUnitIsRefused(decimal quantity, string? unit) =>
        Assert.Equal(ErrorCodes.UnitNotConvertible, Tile.ToBaseUnits(quantity, unit).Failure!.Code);

    [Fact]
    public void DecimalFactorsConvertExactly()
    {
        Assert.Equal(1.25m, Cable.ToBaseUnits(125, "cm").Value);
        Assert.Equal(0.0000000000000000000000000001m, Cable.ToBaseUnits(0.00000000000000000000000001m, "cm").Value);
        // 3 drums would be 0.9999999999999999999999999999 m: exact, so accepted as it is, never rounded to 1.
        Assert.Equal(0.9999999999999999999999999999m, Cable.ToBaseUnits(3, "drum").Value);
        // 1/3 of the smallest step cannot be held by a decimal without rounding: refused.
        Assert.Equal(ErrorCodes.UnitNotConvertible, Cable.ToBaseUnits(0.1m, "drum").Failure!.Code);
    }

    [Fact]
    public void ExactMultiplicationRefusesToRound()
    {
        Assert.True(ExactDecimal.TryMultiply(1.5m, 2m, out var three));
        Assert.Equal(3m, three);
        Assert.True(ExactDecimal.TryMultiply(decimal.MaxValue, 1m, out var max));
        Assert.Equal(decimal.MaxValue, max);
        Assert.False(ExactDecimal.TryMultiply(decimal.MaxValue, 2m, out _));
        Assert.False(ExactDecimal.TryMultiply(0.0000000000000001m, 0.0000000000000001m, out _));
        Assert.True(ExactDecimal.TryMultiply(-0.25m, 4.00m, out var minusOne));
        Assert.Equal(-1m, minusOne);
    }

    [Fact]
    public void AProductDefinitionReportsEveryProblem()
    {
        var refused = Product.Define("BAD/SKU", " ", (ProductType)42, "two words", true,
            [new UnitConversion("box", 0m), new UnitConversion("half", 0.5m, Whole: true)], (CostingMethod)9, -1, null);

        Assert.Equal(ErrorCodes.ValidationFailed, refused.Failure!.Code);
        var errors = (IReadOnlyDictionary<string, string[]>)refused.Failure.Details!["errors"]!;
        Assert.Equal(["baseUnit", "conversions[0].factor", "conversions[1].factor", "costingMethod", "leadTimeDays", "name", "sku", "type"],
            errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void AWarehouseSaysWhetherItShipsAndReceives()
    {
        var supplier = Warehouse.Define("SUP", "Supplier", WarehouseType.Supplier, canShip: true, canReceive: false, isDefault: false).Value;

        Assert.Null(supplier.CheckCanShip());
        Assert.Equal(CatalogErrorCodes.WarehouseCannotReceive, supplier.CheckCanReceive()!.Code);
        Assert.Equal(ErrorCodes.ValidationFailed, Warehouse.Define("", "x", WarehouseType.Warehouse, true, true, false).Failure!.Code);
    }
}
