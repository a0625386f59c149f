using System.Globalization;
using Inventory.Domain.Catalog;

namespace Inventory.Domain.Tests.Catalog;

public sealed class ExactDecimalParseTests
{
    [Theory]
    [InlineData("12", "12")]
    [InlineData("-12.50", "-12.50")]
    [InlineData("1e3", "1000")]
    [InlineData("2.5E-2", "0.025")]
    [InlineData("0.1000000000000000000000000000", "0.1")] // 28 places, trailing zeros dropped only to fit
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")] // decimal.MaxValue
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")] // 28 places
    [InlineData("0e-5", "0")]
    public void A_number_that_a_decimal_holds_exactly_is_read_as_written(string text, string expected)
    {
        Assert.True(ExactDecimal.TryParse(text, out var value));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("0.12345678901234567890123456789012")] // decimal.Parse rounds it
    [InlineData("1e-29")] // decimal.Parse makes it 0
    [InlineData("79228162514264337593543950336")] // one over the maximum
    [InlineData("1e400")]
    [InlineData("0e5000000")] // an exponent far outside any decimal, even on zero
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1e")]
    [InlineData("--1")]
    [InlineData("1,5")]
    [InlineData("")]
    public void A_number_a_decimal_could_only_round_or_that_is_not_a_number_is_refused(string text) =>
        Assert.False(ExactDecimal.TryParse(text, out _));

    [Fact]
    public void Scale_is_kept_when_it_fits() =>
        Assert.Equal("1.50", (ExactDecimal.TryParse("1.50", out var value) ? value : 0m).ToString(CultureInfo.InvariantCulture));
}
