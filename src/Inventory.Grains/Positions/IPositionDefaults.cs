using Inventory.Domain;

namespace Inventory.Grains.Positions;

/// <summary>Configuration a position starts with the first time it is seen (costing method from its product).</summary>
public interface IPositionDefaults
{
    ValueTask<(CostingMethod CostingMethod, StockPolicy Policy)> GetAsync(PositionKey position, CancellationToken cancellationToken = default);

    /// <summary>Which stock picks take first in a new position (its product's removal strategy); null follows the costing method.</summary>
    ValueTask<RemovalStrategy?> GetRemovalStrategyAsync(PositionKey position, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<RemovalStrategy?>(null);
}
