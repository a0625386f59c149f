using Inventory.Domain.Manufacturing;

namespace Inventory.Grains.WorkOrders;

/// <summary>Make <see cref="Quantity"/> units of <see cref="Sku"/> into <see cref="Warehouse"/> from <see cref="Materials"/> (the bill of materials applied).</summary>
[GenerateSerializer, Alias("inv.WorkOrderRequest"), Immutable]
public sealed record WorkOrderRequest(string Sku, decimal Quantity, string Warehouse, IReadOnlyList<MaterialRequirement> Materials, string? Reference)
{
    /// <summary>Same figures (the materials compared line by line, not by reference).</summary>
    public bool SameAs(WorkOrderRequest other) =>
        Sku == other.Sku && Quantity == other.Quantity && Warehouse == other.Warehouse && Reference == other.Reference
        && Materials.SequenceEqual(other.Materials);
}
