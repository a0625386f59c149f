using Inventory.Domain;

namespace Inventory.Grains.Alerts;

/// <summary>Finds the positions holding stock of lots that expire on or before a date (for <see cref="AlertSweep"/>).</summary>
public interface ILotExpiryIndex
{
    Task<IReadOnlyList<PositionKey>> ListPositionsWithLotsExpiringByAsync(DateOnly date, CancellationToken cancellationToken = default);
}
