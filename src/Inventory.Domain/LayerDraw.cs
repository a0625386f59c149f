using System.Text.Json.Serialization;

namespace Inventory.Domain;

/// <summary>
/// How much of one cost layer a movement took, and at what unit cost it was charged. The lot attributes of the layer
/// travel with the draw, so a ledger row says which lots left (traceability) and a shipment can recreate its layers
/// at the destination.
/// </summary>
[GenerateSerializer, Alias("inv.LayerDraw"), Immutable]
public sealed record LayerDraw(long LayerId, decimal Quantity, decimal UnitCost)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Id(3)]
    public string? Lot { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Id(4)]
    public DateOnly? ExpiresOn { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Id(5)]
    public DateOnly? ManufacturedOn { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Id(6)]
    public string? Supplier { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Id(7)]
    public string? PurchaseOrder { get; init; }

    /// <summary>A draw of <paramref name="quantity"/> from <paramref name="layer"/>, carrying its lot attributes.</summary>
    public static LayerDraw From(CostLayer layer, decimal quantity, decimal unitCost) => new(layer.Id, quantity, unitCost)
    {
        Lot = layer.Lot,
        ExpiresOn = layer.ExpiresOn,
        ManufacturedOn = layer.ManufacturedOn,
        Supplier = layer.Supplier,
        PurchaseOrder = layer.PurchaseOrder,
    };
}
