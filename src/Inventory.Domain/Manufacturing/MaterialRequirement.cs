namespace Inventory.Domain.Manufacturing;

/// <summary>What a work order needs of one material: quantity per unit x units, exactly.</summary>
public sealed record MaterialRequirement(string Sku, string Warehouse, decimal Quantity);
