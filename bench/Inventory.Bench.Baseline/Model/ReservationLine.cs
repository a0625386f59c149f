namespace Inventory.Bench.Baseline.Model;

public sealed record ReservationLine(string Sku, string Warehouse, decimal Quantity);
