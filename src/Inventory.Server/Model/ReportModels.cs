namespace Inventory.Server.Model;

public sealed record ValuationLine(string Warehouse, string Sku, string CostingMethod, decimal Quantity, decimal UnitCost, decimal Value);

public sealed record ValuationByMethod(string CostingMethod, int Positions, decimal Quantity, decimal Value);

/// <summary>Value of a warehouse's on-hand stock, in total and per costing method.</summary>
public sealed record ValuationByWarehouse(string Warehouse, int Positions, decimal Value, IReadOnlyList<ValuationByMethod> ByMethod);

/// <summary>Value of one product's on-hand stock over every warehouse (unit cost = value / quantity).</summary>
public sealed record ValuationByProduct(string Sku, string CostingMethod, int Positions, decimal Quantity, decimal Value, decimal UnitCost);

/// <summary>Value of on-hand stock from the committed snapshots, per position, costing method, warehouse and product.</summary>
public sealed record ValuationResponse(DateTimeOffset AsOf, decimal TotalValue, IReadOnlyList<ValuationByMethod> ByMethod, IReadOnlyList<ValuationLine> Positions,
    IReadOnlyList<ValuationByWarehouse> ByWarehouse, IReadOnlyList<ValuationByProduct> ByProduct);
