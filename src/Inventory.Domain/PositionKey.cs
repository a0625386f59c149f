namespace Inventory.Domain;

/// <summary>Identifies one stock position: one SKU in one warehouse. Rendered as "WAREHOUSE/SKU".</summary>
[GenerateSerializer, Alias("inv.PositionKey")]
public readonly record struct PositionKey(string Warehouse, string Sku)
{
    public override string ToString() => $"{Warehouse}/{Sku}";

    /// <summary>Parses "WAREHOUSE/SKU" (the SKU may itself contain no '/').</summary>
    public static PositionKey Parse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1)
            throw new FormatException($"'{text}' is not a position key of the form WAREHOUSE/SKU.");
        return new PositionKey(text[..slash], text[(slash + 1)..]);
    }
}
