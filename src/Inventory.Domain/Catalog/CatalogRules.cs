namespace Inventory.Domain.Catalog;

/// <summary>Shapes of catalog codes. Codes become parts of grain keys ("WAREHOUSE/SKU") and URL segments.</summary>
public static class CatalogRules
{
    public const int MaxCodeLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxUnitLength = 32;
    public const int MaxConversions = 20;
    public const int MaxMetadataEntries = 50;
    public const int MaxMetadataValueLength = 1000;
    public const int MaxLeadTimeDays = 3650;

    /// <summary>Letters, digits and - _ . only: safe in a URL segment and free of the key separator '/'.</summary>
    public static bool IsCode(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > MaxCodeLength)
            return false;
        foreach (var c in code)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                return false;
        }

        return true;
    }

    public const string CodeRule = "1-64 characters: letters, digits, '-', '_' or '.'.";

    /// <summary>
    /// Free text a person typed (names, references, reasons, notes): present, at most <paramref name="max"/> characters,
    /// and without control characters, which no screen shows and PostgreSQL refuses (NUL) or a terminal obeys (ESC).
    /// </summary>
    public static bool IsText(string? text, int max) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= max && !text.Any(char.IsControl);

    /// <summary>Like <see cref="IsText"/> for optional text: null passes.</summary>
    public static bool IsOptionalText(string? text, int max) => text is null || (text.Length <= max && !text.Any(char.IsControl));
}
