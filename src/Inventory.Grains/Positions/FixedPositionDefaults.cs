using Inventory.Domain;

namespace Inventory.Grains.Positions;

/// <summary>FIFO and the default policy for every new position.</summary>
public sealed class FixedPositionDefaults : IPositionDefaults
{
    public ValueTask<(CostingMethod CostingMethod, StockPolicy Policy)> GetAsync(PositionKey position, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult((CostingMethod.Fifo, StockPolicy.Default));
}
