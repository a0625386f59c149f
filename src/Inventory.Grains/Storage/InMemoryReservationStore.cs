using System.Collections.Concurrent;
using Inventory.Domain.Reservations;

namespace Inventory.Grains.Storage;

/// <summary>Reservation records in memory, for unit tests of grains. Records are immutable, so no copies are needed.</summary>
public sealed class InMemoryReservationStore : IReservationStore
{
    private readonly ConcurrentDictionary<string, (ReservationRecord Record, long Version)> _records = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ReservationRecord> _pendingLines = new(StringComparer.Ordinal); // by cart id

    public Task<(ReservationRecord Record, long Version)?> LoadAsync(string reservationId, CancellationToken cancellationToken = default) =>
        Task.FromResult<(ReservationRecord, long)?>(_records.TryGetValue(reservationId, out var found) ? found
            : _pendingLines.TryGetValue(reservationId, out var pending) ? (pending, 0) : null);

    /// <summary>What the position store does with a record riding with a held line (see <see cref="PositionWrite.NewReservations"/>).</summary>
    internal void StoreRider(ReservationRecord record)
    {
        if (record.Status == ReservationStatusValue.Pending)
        {
            if (!_records.ContainsKey(record.Id))
                _pendingLines.TryAdd(record.Id, record);
        }
        else
        {
            _records.TryAdd(record.Id, (record, 1));
        }
    }

    public Task<long> SaveAsync(ReservationRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var next = expectedVersion + 1;
        if (expectedVersion == 0)
        {
            if (!_records.TryAdd(record.Id, (record, next)))
                throw new VersionConflictException($"Reservation {record.Id} already exists.");
            _pendingLines.TryRemove(record.Id, out _);
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
        var ids = _records.Values.Select(v => v.Record)
            .Concat(_pendingLines.Values.Where(p => !_records.ContainsKey(p.Id)))
            .Where(r => statuses.Contains(r.Status) && (expiresBefore is null || r.ExpiresAt < expiresBefore))
            .Select(r => r.Id)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }
}
