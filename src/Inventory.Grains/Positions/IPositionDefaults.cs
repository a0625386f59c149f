using Inventory.Domain;

namespace Inventory.Grains.Positions;

/// <summary>Configuration a position starts with the first time it is seen (costing method from its product).</summary>
public interface IPositionDefaults
{
    ValueTask<(CostingMethod CostingMethod, StockPolicy Policy)> GetAsync(PositionKey position, CancellationToken cancellationToken = default);
}
