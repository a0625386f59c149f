namespace Inventory.Server.Model;

public sealed record ValuationLine(string Warehouse, string Sku, string CostingMethod, decimal Quantity, decimal UnitCost, decimal Value);

public sealed record ValuationByMethod(string CostingMethod, int Positions, decimal Quantity, decimal Value);

/// <summary>Value of on-hand stock from the committed snapshots, per position and per costing method.</summary>
public sealed record ValuationResponse(DateTimeOffset AsOf, decimal TotalValue, IReadOnlyList<ValuationByMethod> ByMethod, IReadOnlyList<ValuationLine> Positions);
