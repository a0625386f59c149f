namespace Inventory.Bench.Baseline.Model;

public sealed record LineShortage(string Warehouse, string Sku, decimal Requested, decimal Available);
