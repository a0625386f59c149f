using System.Collections.Concurrent;
using System.Text.Json;
using Inventory.Domain;
using Inventory.Runtime;

namespace Inventory.Grains.Storage;

/// <summary>
/// Ledger and snapshots in process memory, for unit tests of grains and the console demo. Stores JSON copies so
/// nothing the grain holds is aliased, and applies the same version guard as the PostgreSQL store.
/// </summary>
public sealed class InMemoryStockPositionStore : IStockPositionStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<PositionKey, Record> _records = new();

    /// <summary>Set by tests to make the next saves fail, as a lost database connection would.</summary>
    public Func<PositionKey, Exception?>? FailSave { get; set; }

    public int SaveCount => Volatile.Read(ref _saveCount);
    private int _saveCount;

    public Task<StockPositionSnapshot?> LoadAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        if (!_records.TryGetValue(position, out var record))
            return Task.FromResult<StockPositionSnapshot?>(null);
        lock (record)
            return Task.FromResult(JsonSerializer.Deserialize<StockPositionSnapshot>(record.SnapshotJson, Json));
    }

    public Task SaveAsync(StockPositionSnapshot snapshot, long expectedSequence, IReadOnlyList<LedgerEntry> entries,
        CancellationToken cancellationToken = default)
    {
        var key = new PositionKey(snapshot.Warehouse, snapshot.Sku);
        if (FailSave?.Invoke(key) is { } failure)
            throw failure;

        var record = _records.GetOrAdd(key, _ => new Record());
        lock (record)
        {
            if (record.Sequence != expectedSequence)
                throw new VersionConflictException($"Position {key} is at sequence {record.Sequence}, not {expectedSequence}.");
            record.SnapshotJson = JsonSerializer.Serialize(snapshot, Json);
            record.Sequence = snapshot.Sequence;
            record.Ledger.AddRange(entries);
        }
        Interlocked.Increment(ref _saveCount);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LedgerEntry>> ReadLedgerAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        if (!_records.TryGetValue(position, out var record))
            return Task.FromResult<IReadOnlyList<LedgerEntry>>([]);
        lock (record)
            return Task.FromResult<IReadOnlyList<LedgerEntry>>(record.Ledger.ToArray());
    }

    public Task<IReadOnlyList<PositionKey>> ListPositionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PositionKey>>(_records.Keys.OrderBy(k => k.ToString(), StringComparer.Ordinal).ToArray());

    public async Task<IReadOnlyList<PositionKey>> ListWithExpiryDueAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        var due = new List<PositionKey>();
        foreach (var key in _records.Keys)
        {
            var snapshot = await LoadAsync(key, cancellationToken);
            if (snapshot is not null && snapshot.Reservations.Any(r => r.Status == ReservationStatus.Active && r.ExpiresAt <= asOf))
                due.Add(key);
        }
        return due;
    }

    public Task OverwriteSnapshotAsync(StockPositionSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var record = _records.GetOrAdd(new PositionKey(snapshot.Warehouse, snapshot.Sku), _ => new Record());
        lock (record)
        {
            record.SnapshotJson = JsonSerializer.Serialize(snapshot, Json);
            record.Sequence = snapshot.Sequence;
        }
        return Task.CompletedTask;
    }

    private sealed class Record
    {
        public string SnapshotJson = "null";
        public long Sequence;
        public readonly List<LedgerEntry> Ledger = [];
    }
}
