using System.Collections.Concurrent;
using Inventory.Domain;
using Inventory.Domain.Reservations;

namespace Inventory.Grains.Storage;

/// <summary>Reservation records in memory, for unit tests of grains. Records are immutable, so no copies are needed.</summary>
public sealed class InMemoryReservationStore : IReservationStore
{
    private readonly ConcurrentDictionary<string, (ReservationRecord Record, long Version)> _records = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Id, PositionKey Line), ReservationRecord> _pendingLines = new();

    public Task<(ReservationRecord Record, long Version)?> LoadAsync(string reservationId, CancellationToken cancellationToken = default) =>
        Task.FromResult<(ReservationRecord, long)?>(_records.TryGetValue(reservationId, out var found) ? found
            : InFlight().FirstOrDefault(r => r.Id == reservationId) is { } cart ? (cart, 0) : null);

    /// <summary>Carts stored only beside their lines, as <see cref="Cart.StoredWithLines"/> reads them.</summary>
    private IEnumerable<ReservationRecord> InFlight() =>
        _pendingLines.Where(p => !_records.ContainsKey(p.Key.Id)).GroupBy(p => p.Key.Id).Select(rows =>
        {
            var record = rows.First().Value;
            return record with { Status = Cart.StoredWithLines(record.Lines.Count, rows.Count()) };
        });

    /// <summary>What the position store does with a record riding with a line it holds (see <see cref="PositionWrite.NewReservations"/>).</summary>
    internal void StoreRider(ReservationRecord record, PositionKey line)
    {
        if (record.Status == ReservationStatusValue.Pending)
        {
            if (!_records.ContainsKey(record.Id))
                _pendingLines.TryAdd((record.Id, line), record);
        }
        else
        {
            _records.TryAdd(record.Id, (record, 1));
        }
    }

    public Task<long> SaveAsync(ReservationRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var next = expectedVersion + 1;
        var written = _records.TryGetValue(record.Id, out var current)
            ? current.Version == expectedVersion && _records.TryUpdate(record.Id, (record, next), current)
            : expectedVersion == 0 && _records.TryAdd(record.Id, (record, next));
        if (!written)
            throw new VersionConflictException($"Reservation {record.Id} is not at version {expectedVersion}.");
        DropLines(record.Id);
        return Task.FromResult(next);
    }

    public Task StoreHeldCartAsync(ReservationRecord cart, CancellationToken cancellationToken = default)
    {
        _records.TryAdd(cart.Id, (cart, 0));
        DropLines(cart.Id);
        return Task.CompletedTask;
    }

    private void DropLines(string id)
    {
        foreach (var key in _pendingLines.Keys.Where(k => k.Id == id))
            _pendingLines.TryRemove(key, out _);
    }

    public Task<IReadOnlyList<string>> ListIdsAsync(IReadOnlyCollection<ReservationStatusValue> statuses, DateTimeOffset? expiresBefore = null,
        CancellationToken cancellationToken = default)
    {
        var ids = _records.Values.Select(v => v.Record)
            .Concat(InFlight())
            .Where(r => statuses.Contains(r.Status) && (expiresBefore is null || r.ExpiresAt < expiresBefore))
            .Select(r => r.Id)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }
}
