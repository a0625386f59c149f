using Inventory.Domain;
using Inventory.Grains.Storage;

namespace Inventory.Grains.Alerts;

/// <summary>The default index: reads every snapshot from the position store (fine in memory; PostgreSQL has a query).</summary>
public sealed class SnapshotLotExpiryIndex(IStockPositionStore positions) : ILotExpiryIndex
{
    public async Task<IReadOnlyList<PositionKey>> ListPositionsWithLotsExpiringByAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        var keys = new List<PositionKey>();
        foreach (var key in await positions.ListPositionsAsync(cancellationToken))
        {
            var snapshot = await positions.LoadAsync(key, cancellationToken);
            if (snapshot is not null && snapshot.Layers.Any(l => l.Quantity > 0 && l.ExpiresOn <= date))
                keys.Add(key);
        }
        return keys;
    }
}
