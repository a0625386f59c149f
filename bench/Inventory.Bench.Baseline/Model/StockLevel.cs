namespace Inventory.Bench.Baseline.Model;

public sealed record StockLevel(string Sku, string Warehouse, decimal OnHand, decimal Reserved)
{
    public decimal Available => OnHand - Reserved;
}
