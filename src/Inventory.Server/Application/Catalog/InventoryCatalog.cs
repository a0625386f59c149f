using System.Collections.Concurrent;
using Inventory.Domain;
using Inventory.Domain.Catalog;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Positions;
using Inventory.Queries;
using Inventory.Storage.Postgres.Catalog;

namespace Inventory.Server.Application.Catalog;

/// <summary>
/// Products and warehouses, persisted in PostgreSQL and cached in memory. Every stock request resolves its SKU and
/// warehouse here first. A change made through this node is written through; in a cluster, changes made through other
/// nodes arrive by <see cref="RefreshAsync"/> (<see cref="CatalogChangeListener"/>).
/// </summary>
public sealed partial class InventoryCatalog(
    CatalogRepository repository,
    StockQueries queries,
    IGrainFactory grains,
    ILogger<InventoryCatalog> logger)
{
    private readonly ConcurrentDictionary<string, Product> _products = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Warehouse> _warehouses = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writes = new(1, 1);

    public int ProductCount => _products.Count;
    public int WarehouseCount => _warehouses.Count;

    public IEnumerable<Product> Products => _products.Values.OrderBy(p => p.Sku, StringComparer.Ordinal);
    public IEnumerable<Warehouse> Warehouses => _warehouses.Values.OrderBy(w => w.Code, StringComparer.Ordinal);

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await ReloadProductsAsync(null, cancellationToken);
        await ReloadWarehousesAsync(cancellationToken);
    }

    /// <summary>Reloads what another node changed: one product (<c>product:SKU</c>) or every warehouse (<c>warehouses</c>).</summary>
    public Task RefreshAsync(string change, CancellationToken cancellationToken) =>
        change == CatalogRepository.WarehousesChanged ? ReloadWarehousesAsync(cancellationToken)
        : change.StartsWith(CatalogRepository.ProductChangedPrefix, StringComparison.Ordinal)
            ? ReloadProductsAsync(change[CatalogRepository.ProductChangedPrefix.Length..], cancellationToken)
            : Task.CompletedTask;

    /// <param name="only">One SKU, or every product.</param>
    private async Task ReloadProductsAsync(string? only, CancellationToken cancellationToken)
    {
        foreach (var product in await repository.LoadProductsAsync(cancellationToken, only))
            _products[product.Sku] = product;
    }

    private async Task ReloadWarehousesAsync(CancellationToken cancellationToken)
    {
        foreach (var warehouse in await repository.LoadWarehousesAsync(cancellationToken))
            _warehouses[warehouse.Code] = warehouse;
    }

    public Product? FindProduct(string sku) => _products.GetValueOrDefault(sku);

    public Warehouse? FindWarehouse(string code) => _warehouses.GetValueOrDefault(code);

    public Result<Product> Product(string sku) =>
        FindProduct(sku) is { } product ? product : CatalogFailures.ProductNotFound(sku);

    public Result<Warehouse> Warehouse(string code) =>
        FindWarehouse(code) is { } warehouse ? warehouse : CatalogFailures.WarehouseNotFound(code);

    /// <summary>Both ends of a position; the product is checked first.</summary>
    public Result<(Product Product, Warehouse Warehouse)> Position(string warehouse, string sku)
    {
        var product = Product(sku);
        if (!product.IsSuccess) return product.Failure!;
        var place = Warehouse(warehouse);
        if (!place.IsSuccess) return place.Failure!;
        return (product.Value, place.Value);
    }

    /// <summary>
    /// Creates or replaces a product. A change that would revalue or reinterpret stock already held (costing method,
    /// base unit, a unit's factor: <see cref="Product.ChangesToHeldStock"/>) is refused with PRODUCT_IN_USE while any
    /// position of the SKU has stock on hand or reserved. When the costing method changes on a SKU without stock, every
    /// existing position of the SKU (stored or active in memory) is reconfigured.
    /// </summary>
    /// <returns>True when the product is new.</returns>
    public async Task<Result<bool>> SaveProductAsync(Product product, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var previous = FindProduct(product.Sku);
            if (previous?.ChangesToHeldStock(product) is { Count: > 0 } fields && await queries.HasStockOrReservationsAsync(product.Sku, cancellationToken))
                return CatalogFailures.ProductInUse(product.Sku, fields);
            await repository.UpsertProductAsync(product, cancellationToken);
            _products[product.Sku] = product;
            if (previous is not null && (previous.CostingMethod != product.CostingMethod || previous.RemovalStrategy != product.RemovalStrategy))
                await ReconfigurePositionsAsync(product, cancellationToken);
            return previous is null;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <returns>True when the warehouse is new.</returns>
    public async Task<bool> SaveWarehouseAsync(Warehouse warehouse, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var isNew = FindWarehouse(warehouse.Code) is null;
            await repository.UpsertWarehouseAsync(warehouse, cancellationToken);
            if (warehouse.IsDefault)
            {
                foreach (var other in _warehouses.Values.Where(w => w.IsDefault && w.Code != warehouse.Code).ToList())
                    _warehouses[other.Code] = other.WithoutDefault();
            }

            _warehouses[warehouse.Code] = warehouse;
            return isNew;
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task ReconfigurePositionsAsync(Product product, CancellationToken cancellationToken)
    {
        var keys = (await queries.ListPositionsOfSkuAsync(product.Sku, cancellationToken)).Select(k => k.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var active in await grains.ActiveKeysAsync<IStockPositionGrain>())
        {
            if (active.EndsWith("/" + product.Sku, StringComparison.Ordinal))
                keys.Add(active);
        }

        foreach (var key in keys.Order(StringComparer.Ordinal))
        {
            await grains.GetGrain<IStockPositionGrain>(key).ConfigureAsync(product.CostingMethod, null);
            await grains.GetGrain<IStockPositionGrain>(key).ConfigureRemovalAsync(product.RemovalStrategy);
        }
        LogReconfigured(logger, product.Sku, product.CostingMethod, keys.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Product {Sku} now costs with {CostingMethod}; {Positions} positions reconfigured")]
    private static partial void LogReconfigured(ILogger logger, string sku, CostingMethod costingMethod, int positions);
}
