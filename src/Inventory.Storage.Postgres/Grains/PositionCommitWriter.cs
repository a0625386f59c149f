using System.Text.Json;
using Inventory.Domain;
using Inventory.Grains.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Grains;

/// <summary>
/// Group commit across positions. Each position already batches its own calls; this merges the batches that many
/// positions commit at the same moment into ONE statement (one round trip, one WAL flush): the version-guarded
/// snapshot updates, the inserts of new positions, and every ledger row of the positions whose guard held. A
/// position whose version moved gets <see cref="VersionConflictException"/> while the others commit. Reservation
/// records that ride with a position's batch (<see cref="PositionWrite.NewReservations"/>) are stored only if that
/// position's guard held: an active one (a single line) in reservations; a pending one (a line of a cart) in
/// reservation_pending_lines under this position, so the lines of one cart, committing in concurrent statements,
/// never insert the same row (which would make one statement wait for the other, or deadlock).
/// </summary>
internal sealed class PositionCommitWriter : IAsyncDisposable
{
    private static readonly int RecordsFrom = 12 + LedgerRows.Width; // parameters: 11 position arrays, the ledger's, the records'

    private static readonly string Sql = $"""
        WITH input AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::numeric[], $6::numeric[],
                $7::jsonb[], $8::jsonb[], $9::timestamptz[], $10::numeric[], $11::date[])
                AS i(warehouse, sku, expected, version, on_hand, reserved, snapshot, recovery, next_expiry, available, available_until)
        ),
        updated AS (
            UPDATE stock_positions p
            SET version = i.version, on_hand = i.on_hand, reserved = i.reserved, snapshot = i.snapshot,
                recovery = coalesce(i.recovery, p.recovery),
                recovery_seq = CASE WHEN i.recovery IS NULL THEN p.recovery_seq ELSE i.version END,
                next_expiry = i.next_expiry, available = i.available, available_until = i.available_until, updated_at = now()
            FROM input i
            WHERE i.expected <> 0 AND p.warehouse = i.warehouse AND p.sku = i.sku AND p.version = i.expected
            RETURNING p.warehouse, p.sku
        ),
        inserted AS (
            INSERT INTO stock_positions AS p (warehouse, sku, version, on_hand, reserved, snapshot, recovery, recovery_seq, next_expiry,
                available, available_until, updated_at)
            SELECT i.warehouse, i.sku, i.version, i.on_hand, i.reserved, i.snapshot, i.recovery, i.version, i.next_expiry,
                i.available, i.available_until, now()
            FROM input i WHERE i.expected = 0
            ON CONFLICT (warehouse, sku) DO UPDATE SET version = excluded.version, on_hand = excluded.on_hand,
                reserved = excluded.reserved, snapshot = excluded.snapshot, recovery = excluded.recovery,
                recovery_seq = excluded.recovery_seq, next_expiry = excluded.next_expiry, available = excluded.available,
                available_until = excluded.available_until, updated_at = now()
            WHERE p.version = 0
            RETURNING p.warehouse, p.sku
        ),
        committed AS (SELECT warehouse, sku FROM updated UNION ALL SELECT warehouse, sku FROM inserted),
        ledger AS (
            INSERT INTO stock_ledger ({LedgerRows.Columns})
            SELECT l.* FROM {LedgerRows.Source(12)}
            WHERE EXISTS (SELECT 1 FROM committed c WHERE c.warehouse = l.warehouse AND c.sku = l.sku)
        ),
        riders AS (
            SELECT r.* FROM unnest(${RecordsFrom}::text[], ${RecordsFrom + 1}::text[], {ReservationRows.Arrays(RecordsFrom + 2)})
                AS r(warehouse, sku, {ReservationRows.Columns})
            WHERE EXISTS (SELECT 1 FROM committed c WHERE c.warehouse = r.warehouse AND c.sku = r.sku)
        ),
        records AS (
            INSERT INTO reservations ({ReservationRows.Columns}, version)
            SELECT {ReservationRows.Columns}, 1 FROM riders WHERE status <> 'pending'
            ON CONFLICT (id) DO NOTHING
        ),
        pending_lines AS (
            INSERT INTO reservation_pending_lines (warehouse, sku, {ReservationRows.Columns})
            SELECT warehouse, sku, {ReservationRows.Columns} FROM riders WHERE status = 'pending'
            ON CONFLICT (id, warehouse, sku) DO NOTHING
        )
        SELECT warehouse, sku FROM committed
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly StatementBatcher<Pending> _batcher;

    public PositionCommitWriter(NpgsqlDataSource dataSource, int writers, int maxPositions)
    {
        _dataSource = dataSource;
        _batcher = new StatementBatcher<Pending>(CommitAsync, writers, maxPositions);
    }

    public Task WriteAsync(PositionWrite write)
    {
        if (write.ExpectedSequence == 0 && write.Recovery is null)
            throw new ArgumentException("The first write of a position must carry a recovery snapshot.", nameof(write));
        var pending = new Pending(write);
        _batcher.Enqueue(pending);
        return pending.Task;
    }

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    private async Task CommitAsync(List<Pending> batch)
    {
        var committed = await ExecuteAsync(batch);
        foreach (var pending in batch)
        {
            if (committed.Contains(pending.Write.Position))
                pending.TrySetResult();
            else
                pending.TrySetException(new VersionConflictException(
                    $"Position {pending.Write.Position} is no longer at sequence {pending.Write.ExpectedSequence}; another writer won."));
        }
    }

    private async Task<HashSet<PositionKey>> ExecuteAsync(List<Pending> batch)
    {
        var n = batch.Count;
        var warehouse = new string[n];
        var sku = new string[n];
        var expected = new long[n];
        var version = new long[n];
        var onHand = new decimal[n];
        var reserved = new decimal[n];
        var snapshot = new string[n];
        var recovery = new string?[n];
        var nextExpiry = new DateTime?[n];
        var available = new decimal?[n];
        var availableUntil = new DateOnly?[n];
        var rows = 0;
        foreach (var pending in batch) rows += pending.Write.Entries.Count;
        var ledger = new LedgerRows(rows);
        var records = new ReservationRows(0);
        var recordWarehouse = new List<string>();
        var recordSku = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var write = batch[i].Write;
            warehouse[i] = write.Summary.Warehouse;
            sku[i] = write.Summary.Sku;
            expected[i] = write.ExpectedSequence;
            version[i] = write.Summary.Sequence;
            onHand[i] = write.Summary.OnHand;
            reserved[i] = write.Summary.Reserved;
            snapshot[i] = JsonSerializer.Serialize(write.Summary, StoredJson.Options);
            recovery[i] = write.Recovery is null ? null : JsonSerializer.Serialize(write.Recovery, StoredJson.Options);
            nextExpiry[i] = write.NextExpiry?.UtcDateTime;
            available[i] = write.Available;
            availableUntil[i] = write.AvailableUntil;
            foreach (var entry in write.Entries)
                ledger.Add(entry);
            foreach (var record in write.NewReservations ?? [])
            {
                records.Add(record);
                recordWarehouse.Add(warehouse[i]);
                recordSku.Add(sku[i]);
            }
        }

        await using var command = _dataSource.CreateCommand(Sql);
        var p = command.Parameters;
        p.Add(new() { Value = warehouse, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new() { Value = sku, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new() { Value = expected, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        p.Add(new() { Value = version, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        p.Add(new() { Value = onHand, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
        p.Add(new() { Value = reserved, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
        p.Add(new() { Value = snapshot, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        p.Add(new() { Value = recovery, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        p.Add(new() { Value = nextExpiry, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = available, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
        p.Add(new() { Value = availableUntil, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        ledger.AddParameters(p);
        p.Add(ArrayParameter.Of(recordWarehouse, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(recordSku, NpgsqlDbType.Text));
        records.AddParameters(p);

        var committed = new HashSet<PositionKey>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                committed.Add(new PositionKey(reader.GetString(0), reader.GetString(1)));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new VersionConflictException($"A ledger sequence was already written ({e.ConstraintName}).", e);
        }
        return committed;
    }

    private sealed class Pending(PositionWrite write) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), IBatchedRequest
    {
        public PositionWrite Write { get; } = write;

        public object Key => Write.Position;
    }
}
