using System.Collections.Concurrent;
using System.Text.Json;
using Inventory.Domain;

namespace Inventory.Grains.Storage;

/// <summary>
/// Ledger and snapshots in process memory, for unit tests of grains and the console demo. Stores JSON copies so
/// nothing the grain holds is aliased, and applies the same version guard as the PostgreSQL store.
/// Reservation records that ride with a commit go to <paramref name="reservations"/> (which must be the in-memory one).
/// </summary>
public sealed class InMemoryStockPositionStore(IReservationStore? reservations = null) : IStockPositionStore
{
    private readonly ConcurrentDictionary<PositionKey, Record> _records = new();

    /// <summary>Set by tests to make the next saves fail, as a lost database connection would.</summary>
    public Func<PositionKey, Exception?>? FailSave { get; set; }

    public int SaveCount => Volatile.Read(ref _saveCount);
    private int _saveCount;

    /// <summary>How many saves carried a full recovery snapshot.</summary>
    public int RecoverySnapshotCount => Volatile.Read(ref _recoveryCount);
    private int _recoveryCount;

    public Task<StockPositionSnapshot?> LoadAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        if (!_records.TryGetValue(position, out var record))
            return Task.FromResult<StockPositionSnapshot?>(null);
        lock (record)
        {
            var recovery = JsonSerializer.Deserialize<StockPositionSnapshot>(record.RecoveryJson, StoredJson.Options)!;
            var tail = record.Ledger.Where(e => e.Sequence > recovery.Sequence).ToArray();
            return Task.FromResult<StockPositionSnapshot?>(PositionRecovery.Replay(recovery, tail));
        }
    }

    /// <summary>The summary snapshot as last written (what SQL readers would see).</summary>
    public Task<StockPositionSnapshot?> LoadSummaryAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        if (!_records.TryGetValue(position, out var record))
            return Task.FromResult<StockPositionSnapshot?>(null);
        lock (record)
            return Task.FromResult(JsonSerializer.Deserialize<StockPositionSnapshot>(record.SummaryJson, StoredJson.Options));
    }

    public Task SaveAsync(PositionWrite write, CancellationToken cancellationToken = default)
    {
        var key = write.Position;
        if (FailSave?.Invoke(key) is { } failure)
            throw failure;
        if (write.ExpectedSequence == 0 && write.Recovery is null)
            throw new ArgumentException("The first write of a position must carry a recovery snapshot.", nameof(write));

        if (write.NewReservations is { Count: > 0 } && reservations is not InMemoryReservationStore)
            throw new InvalidOperationException("Reservation records riding with a commit need the in-memory reservation store beside this store.");

        var record = _records.GetOrAdd(key, _ => new Record());
        lock (record)
        {
            if (record.Sequence != write.ExpectedSequence)
                throw new VersionConflictException($"Position {key} is at sequence {record.Sequence}, not {write.ExpectedSequence}.");
            foreach (var rider in write.NewReservations ?? [])
                ((InMemoryReservationStore)reservations!).StoreRider(rider);
            record.SummaryJson = JsonSerializer.Serialize(write.Summary, StoredJson.Options);
            if (write.Recovery is not null)
                record.RecoveryJson = JsonSerializer.Serialize(write.Recovery, StoredJson.Options);
            record.Sequence = write.Summary.Sequence;
            record.Ledger.AddRange(write.Entries);
        }
        Interlocked.Increment(ref _saveCount);
        if (write.Recovery is not null)
            Interlocked.Increment(ref _recoveryCount);
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
            record.SummaryJson = record.RecoveryJson = JsonSerializer.Serialize(snapshot, StoredJson.Options);
            record.Sequence = snapshot.Sequence;
        }
        return Task.CompletedTask;
    }

    private sealed class Record
    {
        public string SummaryJson = "null";
        public string RecoveryJson = "null";
        public long Sequence;
        public readonly List<LedgerEntry> Ledger = [];
    }
}
