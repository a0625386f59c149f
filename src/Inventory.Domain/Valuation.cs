namespace Inventory.Domain;

/// <summary>Value of a position's on-hand stock under its costing method.</summary>
[GenerateSerializer, Alias("inv.Valuation"), Immutable]
public sealed record Valuation(PositionKey Position, CostingMethod Method, decimal Quantity, decimal Value, decimal UnitCost);
