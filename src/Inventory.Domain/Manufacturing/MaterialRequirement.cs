namespace Inventory.Domain.Manufacturing;

/// <summary>What a work order needs of one material: quantity per unit x units, exactly.</summary>
[GenerateSerializer, Alias("inv.MaterialRequirement"), Immutable]
public sealed record MaterialRequirement(string Sku, string Warehouse, decimal Quantity);
