namespace Inventory.Domain.Manufacturing;

/// <summary>One material of a bill of materials: how many base units of <see cref="Sku"/> one finished unit takes, and from which warehouse.</summary>
[GenerateSerializer, Alias("inv.BomComponent"), Immutable]
public sealed record BomComponent(string Sku, string Warehouse, decimal QuantityPerUnit);
