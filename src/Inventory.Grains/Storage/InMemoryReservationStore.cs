using System.Collections.Concurrent;
using Inventory.Grains.Reservations;
using Inventory.Runtime;

namespace Inventory.Grains.Storage;

/// <summary>Reservation records in memory, for unit tests of grains. Records are immutable, so no copies are needed.</summary>
public sealed class InMemoryReservationStore : IReservationStore
{
    private readonly ConcurrentDictionary<string, (ReservationRecord Record, long Version)> _records = new(StringComparer.Ordinal);

    public Task<(ReservationRecord Record, long Version)?> LoadAsync(string reservationId, CancellationToken cancellationToken = default) =>
        Task.FromResult<(ReservationRecord, long)?>(_records.TryGetValue(reservationId, out var found) ? found : null);

    public Task<long> SaveAsync(ReservationRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var next = expectedVersion + 1;
        if (expectedVersion == 0)
        {
            if (!_records.TryAdd(record.Id, (record, next)))
                throw new VersionConflictException($"Reservation {record.Id} already exists.");
        }
        else if (!_records.TryGetValue(record.Id, out var current) || current.Version != expectedVersion
                 || !_records.TryUpdate(record.Id, (record, next), current))
        {
            throw new VersionConflictException($"Reservation {record.Id} is not at version {expectedVersion}.");
        }
        return Task.FromResult(next);
    }

    public Task<IReadOnlyList<string>> ListIdsAsync(IReadOnlyCollection<ReservationStatusValue> statuses, DateTimeOffset? expiresBefore = null,
        CancellationToken cancellationToken = default)
    {
        var ids = _records.Values
            .Where(v => statuses.Contains(v.Record.Status) && (expiresBefore is null || v.Record.ExpiresAt < expiresBefore))
            .Select(v => v.Record.Id)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }
}
