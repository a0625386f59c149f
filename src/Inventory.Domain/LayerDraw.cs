namespace Inventory.Domain;

/// <summary>How much of one cost layer an issue consumed, and at what unit cost it was charged.</summary>
public sealed record LayerDraw(long LayerId, decimal Quantity, decimal UnitCost);
