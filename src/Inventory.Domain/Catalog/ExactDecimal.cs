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
        return TryCompose(mantissaA * mantissaB, scaleA + scaleB, out product);
    }

    /// <summary>
    /// Reads a number written as JSON writes it (-12.5, 1e3, 0.25E-2) when it is exactly a decimal; otherwise false.
    /// decimal.Parse would round 0.1234567890123456789012345678901 or 1e-29 to a nearby value without a word.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0m;
        var i = 0;
        var negative = i < text.Length && text[i] == '-';
        if (negative) i++;
        BigInteger mantissa = BigInteger.Zero;
        int digits = 0, fraction = 0;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++, digits++)
            mantissa = mantissa * 10 + (text[i] - '0');
        if (i < text.Length && text[i] == '.')
        {
            for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++, fraction++)
                mantissa = mantissa * 10 + (text[i] - '0');
            if (fraction == 0) return false;
        }
        if (digits == 0) return false;
        var exponent = 0;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            var exponentNegative = i < text.Length && text[i] == '-';
            if (i < text.Length && text[i] is '+' or '-') i++;
            var exponentDigits = 0;
            for (; i < text.Length && char.IsAsciiDigit(text[i]); i++, exponentDigits++)
            {
                exponent = exponent * 10 + (text[i] - '0');
                if (exponent > 1000) return false; // far outside any decimal
            }
            if (exponentDigits == 0) return false;
            if (exponentNegative) exponent = -exponent;
        }
        if (i != text.Length) return false;
        var scale = fraction - exponent;
        if (scale < 0)
        {
            if (-scale > MaxScale + 1 && !mantissa.IsZero) return false; // at least 10^29: too large

            mantissa *= BigInteger.Pow(10, -scale);
            scale = 0;
        }
        if (negative) mantissa = -mantissa;
        // Kept as written (1.50 stays 1.50) when it fits; trailing zeros are dropped only to make it fit.
        return scale <= MaxScale && BigInteger.Abs(mantissa) <= MaxMantissa
            ? Compose(mantissa, scale, out value)
            : TryCompose(mantissa, scale, out value);
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
        return scale <= MaxScale && BigInteger.Abs(mantissa) <= MaxMantissa && Compose(mantissa, scale, out value);
    }

    private static bool Compose(BigInteger mantissa, int scale, out decimal value)
    {
        var magnitude = BigInteger.Abs(mantissa);
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
