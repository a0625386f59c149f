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

    /// <summary>
    /// a x b / c when the exact quotient is a decimal (a finite fraction of at most 28 places that fits); otherwise
    /// false. 12 x 2.88 / 1.44 = 24 is exact; 12 x 1 / 1.44 = 8.333... is not.
    /// </summary>
    public static bool TryMultiplyDivide(decimal a, decimal b, decimal c, out decimal result)
    {
        result = 0m;
        if (c == 0m)
            return false;
        var (mantissaA, scaleA) = Split(a);
        var (mantissaB, scaleB) = Split(b);
        var (mantissaC, scaleC) = Split(c);
        // a x b / c = (mA x mB x 10^sC) / (mC x 10^(sA + sB))
        var numerator = mantissaA * mantissaB * BigInteger.Pow(10, scaleC);
        var denominator = mantissaC * BigInteger.Pow(10, scaleA + scaleB);
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!divisor.IsZero)
        {
            numerator /= divisor;
            denominator /= divisor;
        }

        // Exact as a decimal only if the denominator divides a power of ten no larger than 10^28.
        for (var scale = 0; scale <= MaxScale; scale++)
        {
            var power = BigInteger.Pow(10, scale);
            if (!(power % denominator).IsZero)
                continue;
            return TryCompose(numerator * (power / denominator), scale, out result);
        }

        return false;
    }

    public static bool IsWhole(decimal value) => decimal.Truncate(value) == value;

    private static bool TryCompose(BigInteger mantissa, int scale, out decimal value)
    {
        while (scale > 0 && !mantissa.IsZero && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        value = 0m;
        if (mantissa.IsZero)
            return true;
        var magnitude = BigInteger.Abs(mantissa);
        if (scale > MaxScale || magnitude > MaxMantissa)
            return false;
        var bits = magnitude.ToByteArray(isUnsigned: true, isBigEndian: false);
        Span<byte> padded = stackalloc byte[12];
        bits.AsSpan().CopyTo(padded);
        value = new decimal(
            BitConverter.ToInt32(padded[..4]),
            BitConverter.ToInt32(padded[4..8]),
            BitConverter.ToInt32(padded[8..12]),
            mantissa.Sign < 0,
            (byte)scale);
        return true;
    }

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
