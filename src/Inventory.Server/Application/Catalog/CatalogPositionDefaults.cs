using Inventory.Domain;
using Inventory.Grains.Positions;

namespace Inventory.Server.Application.Catalog;

/// <summary>A new position costs with its product's costing method (FIFO for a SKU the catalog does not know).</summary>
public sealed class CatalogPositionDefaults(InventoryCatalog catalog) : IPositionDefaults
{
    public ValueTask<(CostingMethod CostingMethod, StockPolicy Policy)> GetAsync(PositionKey position, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult((catalog.FindProduct(position.Sku)?.CostingMethod ?? CostingMethod.Fifo, StockPolicy.Default));

    public ValueTask<RemovalStrategy?> GetRemovalStrategyAsync(PositionKey position, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(catalog.FindProduct(position.Sku)?.RemovalStrategy);
}
