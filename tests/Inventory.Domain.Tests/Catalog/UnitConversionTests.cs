using System.Text.Json;
using Inventory.Domain.Catalog;
using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests.Catalog;

/// <summary>
/// The tiles: counted in whole pieces, a box holds 12, and a box covers 1.44 m², so 1.44 m² = 12 pieces.
/// 1 m² would be 8.333... pieces, which no decimal holds: the conversion is stated as 12 pieces per 1.44 m².
/// </summary>
public class UnitConversionTests
{
    private static readonly Product Tile = Product.Define("TILE", "Tile", ProductType.Finished, "piece", wholeBaseUnit: true,
        [new UnitConversion("box", 12m, Whole: true), new UnitConversion("m2", 12m, Per: 1.44m)], CostingMethod.Fifo, 0, null).Value;

    [Theory]
    [InlineData(1.44, 12)]
    [InlineData(2.88, 24)]
    [InlineData(14.4, 120)]
    [InlineData(0.12, 1)]
    [InlineData(0.36, 3)]
    public void Square_metres_convert_exactly_to_whole_pieces(decimal squareMetres, decimal pieces)
    {
        var converted = Tile.ToBaseUnits(squareMetres, "m2");

        Assert.True(converted.IsSuccess, converted.Failure?.Message);
        Assert.Equal(pieces, converted.Value);
    }

    [Theory]
    [InlineData(1, "m2")]       // 8.333... pieces: no exact decimal
    [InlineData(0.06, "m2")]    // exactly half a piece: splits a whole piece
    [InlineData(1.5, "box")]    // half a box
    [InlineData(2.5, "piece")]  // half a piece
    [InlineData(1, "pallet")]   // no such unit
    public void Quantities_that_are_inexact_or_split_a_whole_unit_are_refused(decimal quantity, string unit)
    {
        var refused = Tile.ToBaseUnits(quantity, unit);

        Assert.Equal(ErrorCodes.UnitNotConvertible, refused.Failure?.Code);
    }

    [Fact]
    public void Conversion_never_drifts_however_often_it_is_repeated()
    {
        // 1,000 receipts of 0.12 m² are 1,000 pieces, not 999.999...
        var total = 0m;
        for (var i = 0; i < 1000; i++)
            total += Tile.ToBaseUnits(0.12m, "m2").Value;

        Assert.Equal(1000m, total);
    }

    [Fact]
    public void A_whole_unit_of_a_whole_base_unit_must_hold_whole_base_units_also_with_per()
    {
        var refused = Product.Define("T2", "Tile", ProductType.Finished, "piece", wholeBaseUnit: true,
            [new UnitConversion("crate", 25m, Whole: true, Per: 2m)], CostingMethod.Fifo, 0, null);

        Assert.Equal(ErrorCodes.ValidationFailed, refused.Failure?.Code);
        Assert.True(Product.Define("T3", "Tile", ProductType.Finished, "piece", wholeBaseUnit: true,
            [new UnitConversion("crate", 24m, Whole: true, Per: 2m)], CostingMethod.Fifo, 0, null).IsSuccess);
    }

    [Fact]
    public void Conversions_stored_before_per_existed_load_with_per_one()
    {
        var old = JsonSerializer.Deserialize<UnitConversion>("""{"unit":"box","factor":12,"whole":true}""", Json)!;

        Assert.Equal(new UnitConversion("box", 12m, true, 1m), old);
    }

    [Fact]
    public void Exact_multiply_divide_is_exact_or_refuses()
    {
        Assert.True(ExactDecimal.TryMultiplyDivide(2.88m, 12m, 1.44m, out var pieces));
        Assert.Equal(24m, pieces);
        Assert.True(ExactDecimal.TryMultiplyDivide(-3m, 1m, 8m, out var eighth));
        Assert.Equal(-0.375m, eighth);
        Assert.False(ExactDecimal.TryMultiplyDivide(1m, 1m, 3m, out _));
        Assert.False(ExactDecimal.TryMultiplyDivide(1m, 1m, 0m, out _));
    }
}
