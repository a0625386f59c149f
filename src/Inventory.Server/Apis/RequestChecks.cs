using Inventory.Domain;
using Inventory.Domain.Catalog;
using Inventory.Server.Infrastructure;

namespace Inventory.Server.Apis;

/// <summary>Small input checks shared by the handlers. Every problem goes into a <see cref="FieldErrors"/>.</summary>
internal static class RequestChecks
{
    /// <summary>Parses an enum by name only (case-insensitive): "fifo" yes, "1" no.</summary>
    public static bool TryParseName<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        return !string.IsNullOrEmpty(text) && char.IsAsciiLetter(text[0])
            && Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    public static void Text(FieldErrors errors, string field, string? text, int max = InventoryLimits.MaxReferenceLength)
    {
        if (text is not null && text.Length > max)
            errors.Add(field, $"{field} must be at most {max} characters.");
    }

    public static void Required<T>(FieldErrors errors, string field, T? value) where T : struct
    {
        if (value is null) errors.Add(field, $"{field} is required.");
    }

    public static void Required(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(field, $"{field} is required.");
    }

    /// <summary>Ids chosen by clients (reservations, transfers) become grain keys: keep them plain.</summary>
    public static bool IsClientId(string? id) =>
        id is { Length: > 0 and <= 100 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    public const string ClientIdRule = "1-100 characters: letters, digits, '-', '_', '.' or ':'.";

    /// <summary>A positive quantity in <paramref name="unit"/> converted exactly to base units.</summary>
    public static Result<decimal> PositiveBaseQuantity(Product product, decimal quantity, string? unit)
    {
        if (quantity <= 0)
            return Failure.InvalidQuantity(quantity);
        if (quantity > StockPosition.MaxQuantity)
            return Failure.QuantityTooLarge(quantity, StockPosition.MaxQuantity);
        return product.ToBaseUnits(quantity, unit);
    }

    public static Failure? CheckQuantities(params decimal?[] quantities)
    {
        foreach (var q in quantities)
        {
            if (q is { } value && (value < 0 || value > StockPosition.MaxQuantity))
                return value < 0 ? Failure.NegativeCount(value) : Failure.QuantityTooLarge(value, StockPosition.MaxQuantity);
        }

        return null;
    }
}
