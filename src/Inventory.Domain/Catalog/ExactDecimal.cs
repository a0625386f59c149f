using System.Numerics;

namespace Inventory.Domain.Catalog;

/// <summary>
/// Decimal arithmetic that refuses to round. <c>decimal * decimal</c> silently rounds to 28 significant digits;
/// a unit conversion must either be exact or be refused, so the product is computed on integers first.
/// </summary>
public static class ExactDecimal
{
    private static readonly BigInteger MaxMantissa = (BigInteger.One << 96) - 1;
    private const int MaxScale = 28;

    /// <summary>a x b when it is representable as a decimal without rounding; otherwise false.</summary>
    public static bool TryMultiply(decimal a, decimal b, out decimal product)
    {
        var (mantissaA, scaleA) = Split(a);
        var (mantissaB, scaleB) = Split(b);
        var mantissa = mantissaA * mantissaB;
        var scale = scaleA + scaleB;
        // Trailing zeros of the fraction carry no information; dropping them may bring the value into range.
        while (scale > 0 && !mantissa.IsZero && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        if (mantissa.IsZero)
        {
            product = 0m;
            return true;
        }

        var magnitude = BigInteger.Abs(mantissa);
        if (scale > MaxScale || magnitude > MaxMantissa)
        {
            product = 0m;
            return false;
        }

        var bits = magnitude.ToByteArray(isUnsigned: true, isBigEndian: false);
        Span<byte> padded = stackalloc byte[12];
        bits.AsSpan().CopyTo(padded);
        product = new decimal(
            BitConverter.ToInt32(padded[..4]),
            BitConverter.ToInt32(padded[4..8]),
            BitConverter.ToInt32(padded[8..12]),
            mantissa.Sign < 0,
            (byte)scale);
        return true;
    }

    public static bool IsWhole(decimal value) => decimal.Truncate(value) == value;

    private static (BigInteger Mantissa, int Scale) Split(decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        var magnitude = new BigInteger((uint)parts[0])
            | (new BigInteger((uint)parts[1]) << 32)
            | (new BigInteger((uint)parts[2]) << 64);
        var scale = (parts[3] >> 16) & 0xFF;
        return (parts[3] < 0 ? -magnitude : magnitude, scale);
    }
}
