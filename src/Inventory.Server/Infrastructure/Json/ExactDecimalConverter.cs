using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Inventory.Domain.Catalog;

namespace Inventory.Server.Infrastructure.Json;

/// <summary>
/// Reads quantities and money only when the number in the body is exactly a decimal: more than 28 decimal places
/// or 29 digits is refused (VALIDATION_FAILED naming the field) instead of being rounded to some other amount.
/// </summary>
public sealed class ExactDecimalConverter : JsonConverter<decimal>
{
    private const int MaxNumberLength = 400;

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String))
            throw new JsonException($"Expected a number, found {reader.TokenType}.");
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        // The common case, without allocating: a JSON number of at most 28 characters and no exponent has at most 28
        // digits and 27 decimal places, which a decimal holds exactly.
        if (reader.TokenType == JsonTokenType.Number && !reader.HasValueSequence && length <= 28
            && reader.ValueSpan.IndexOfAny((byte)'e', (byte)'E') < 0)
            return reader.GetDecimal();
        if (length > MaxNumberLength)
            throw new JsonException($"The number is {length} characters long; a decimal has at most 29 digits and 28 decimal places.");
        ReadOnlySpan<byte> bytes = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        Span<char> text = stackalloc char[(int)length];
        Encoding.ASCII.GetChars(bytes, text);
        if (!ExactDecimal.TryParse(text, out var value))
            throw new JsonException($"'{text}' is not a number that fits a decimal exactly (at most 29 digits and 28 decimal places).");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
