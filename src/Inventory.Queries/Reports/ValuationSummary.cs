namespace Inventory.Queries.Reports;

/// <summary>Stock value at the end of a day, in total and per costing method.</summary>
public sealed record ValuationSummary(decimal TotalValue, int Positions, IReadOnlyList<ValuationByMethodLine> ByMethod);
