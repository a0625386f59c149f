namespace Inventory.Bench.Baseline.Model;

public sealed record ReceiptRequest(decimal Quantity, decimal? UnitCost, string? Reference);
