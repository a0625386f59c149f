namespace Inventory.Domain.Catalog;

/// <summary>What a product is in the flow of goods. Stored and shown upper-case (RAW, SEMI, FINISHED).</summary>
[GenerateSerializer, Alias("inv.ProductType")]
public enum ProductType
{
    Raw,
    Semi,
    Finished,
}
