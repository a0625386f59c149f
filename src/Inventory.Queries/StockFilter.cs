namespace Inventory.Queries;

/// <summary>
/// Which positions to list: optional warehouse, SKU prefix and low-stock flag; keyset paging after
/// (<see cref="AfterWarehouse"/>, <see cref="AfterSku"/>) in (warehouse, sku) order.
/// </summary>
public sealed record StockFilter(
    string? Warehouse = null,
    string? SkuPrefix = null,
    bool LowStockOnly = false,
    string? AfterWarehouse = null,
    string? AfterSku = null,
    int Limit = 100);
