using Inventory.Domain;
using Inventory.Domain.Catalog;
using Inventory.Server.Infrastructure;
using Inventory.Server.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inventory.Server.Apis;

/// <summary>Small input checks shared by the handlers. Every problem goes into a <see cref="FieldErrors"/>.</summary>
internal static class RequestChecks
{
    /// <summary>
    /// Parses one enum member by its exact name, case-insensitively: "fifo" yes; "1", " fifo", "FIFO,LIFO" no.
    /// (Enum.TryParse would read a number or OR together a comma-separated list and answer with some other member.)
    /// </summary>
    public static bool TryParseName<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrEmpty(text)) return false;
        foreach (var name in Enum.GetNames<T>())
        {
            if (!string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) continue;
            value = Enum.Parse<T>(name);
            return true;
        }
        return false;
    }

    public static void Text(FieldErrors errors, string field, string? text, int max = InventoryLimits.MaxReferenceLength)
    {
        if (!CatalogRules.IsOptionalText(text, max))
            errors.Add(field, $"{field} must be at most {max} characters, without control characters.");
    }

    public static void Required<T>(FieldErrors errors, string field, T? value) where T : struct
    {
        if (value is null) errors.Add(field, $"{field} is required.");
    }

    public static void Required(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(field, $"{field} is required.");
    }

    /// <summary>
    /// A warehouse or SKU filter that cannot name a position (../etc, 3,000 characters, an emoji, a NUL) is a
    /// VALIDATION_FAILED problem: answering "nothing found, all consistent" for it would be a lie.
    /// </summary>
    public static ProblemHttpResult? CodeFilters(string? warehouse, string? sku) =>
        warehouse is not null && !CatalogRules.IsCode(warehouse) ? Problems.Validation("warehouse", "warehouse must be a warehouse code: " + CatalogRules.CodeRule)
        : sku is not null && !CatalogRules.IsCode(sku) ? Problems.Validation("sku", "sku must be a SKU: " + CatalogRules.CodeRule)
        : null;

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
