namespace Inventory.Domain.Manufacturing;

/// <summary>One material of a bill of materials: how many base units of <see cref="Sku"/> one finished unit takes, and from which warehouse.</summary>
public sealed record BomComponent(string Sku, string Warehouse, decimal QuantityPerUnit);
