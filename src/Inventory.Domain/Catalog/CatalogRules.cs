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
}
