namespace Inventory.Queries.Reports;

/// <summary>Positions of one costing method at the end of a day: how many, their quantity and their value.</summary>
public sealed record ValuationByMethodLine(string CostingMethod, int Positions, decimal Quantity, decimal Value);
