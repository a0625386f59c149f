using System.Text.Json;
using Inventory.Domain;
using Inventory.Grains.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Grains;

/// <summary>
/// Stock positions in PostgreSQL: the append-only ledger, a summary snapshot per position that queries read
/// (levels, layers, configuration — current after every commit) and a full recovery snapshot written now and then,
/// from which loading replays the later ledger entries.
/// <para>
/// Group commit across positions: each position already batches its own calls; the store merges the batches that
/// many positions commit at the same moment into ONE statement (one round trip, one WAL flush): the version-guarded
/// snapshot updates, the inserts of new positions, and every ledger row of the positions whose guard held. A position
/// whose version moved gets <see cref="VersionConflictException"/> while the others commit. Reservation records that
/// ride with a position's batch (<see cref="PositionWrite.NewReservations"/>) are stored only if that position's guard
/// held: an active one (a single line) in reservations; a pending one (a line of a cart) in
/// reservation_pending_lines under this position, so the lines of one cart, committing in concurrent statements,
/// never insert the same row (which would make one statement wait for the other, or deadlock).
/// </para>
/// </summary>
public sealed class PostgresStockPositionStore : IStockPositionStore, IAsyncDisposable
{
    private static readonly int RecordsFrom = 12 + LedgerRows.Width; // parameters: 11 position arrays, the ledger's, the records'

    private static readonly string CommitSql = $"""
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

    private readonly NpgsqlDataSource dataSource;
    private readonly StatementBatcher<Commit> commits;
    private readonly StatementBatcher<Load> loads;
    private readonly StatementBatcher<Load> summaries;

    public PostgresStockPositionStore(NpgsqlDataSource dataSource, IOptions<PostgresStorageOptions>? options = null)
    {
        this.dataSource = dataSource;
        var settings = options?.Value ?? new PostgresStorageOptions();
        var (concurrency, batch) = (Math.Max(1, settings.CommitWriters), Math.Max(1, settings.MaxPositionsPerCommit));
        commits = new StatementBatcher<Commit>(CommitBatchAsync, concurrency, batch);
        loads = new StatementBatcher<Load>(LoadBatchAsync, concurrency, batch);
        summaries = new StatementBatcher<Load>(LoadSummaryBatchAsync, concurrency, batch);
    }

    public async ValueTask DisposeAsync()
    {
        await commits.DisposeAsync();
        await loads.DisposeAsync();
        await summaries.DisposeAsync();
    }

    /// <summary>
    /// The recovery snapshot plus the ledger since it. Activations that load at the same moment share one round trip
    /// (both statements for all of them); the ledger is read for positions whose version is past their recovery point.
    /// </summary>
    public Task<StockPositionSnapshot?> LoadAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        var load = new Load(position);
        loads.Enqueue(load);
        return load.Task;
    }

    /// <summary>The summary as last written; concurrent reads (alert evaluation of one ledger read) share one statement.</summary>
    public Task<StockPositionSnapshot?> LoadSummaryAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        var load = new Load(position);
        summaries.Enqueue(load);
        return load.Task;
    }

    private async Task LoadBatchAsync(List<Load> batch)
    {
        var (warehouses, skus) = KeyArrays(batch);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var sql = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new($"""
                    SELECT p.warehouse, p.sku, coalesce(p.recovery, p.snapshot)
                    FROM unnest($1::text[], $2::text[]) AS k(warehouse, sku) JOIN stock_positions p USING (warehouse, sku)
                    """) { Parameters = { new() { Value = warehouses }, new() { Value = skus } } },
                new($"""
                    SELECT {LedgerReader.Columns}
                    FROM stock_ledger l JOIN (
                        SELECT p.warehouse AS w, p.sku AS s, coalesce(p.recovery_seq, p.version) AS from_seq
                        FROM unnest($1::text[], $2::text[]) AS k(warehouse, sku) JOIN stock_positions p USING (warehouse, sku)
                    ) t ON l.warehouse = t.w AND l.sku = t.s AND l.position_seq > t.from_seq
                    ORDER BY l.warehouse, l.sku, l.position_seq
                    """) { Parameters = { new() { Value = warehouses }, new() { Value = skus } } },
            },
        };
        var recovery = new Dictionary<PositionKey, string>();
        var tails = new Dictionary<PositionKey, List<LedgerEntry>>();
        await using (var reader = await sql.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                recovery[new PositionKey(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                var entry = LedgerReader.Read(reader).Entry;
                if (!tails.TryGetValue(entry.Position, out var tail))
                    tails[entry.Position] = tail = [];
                tail.Add(entry);
            }
        }
        Complete(batch, position => recovery.TryGetValue(position, out var json)
            ? PositionRecovery.Replay(JsonSerializer.Deserialize<StockPositionSnapshot>(json, StoredJson.Options)!,
                tails.TryGetValue(position, out var tail) ? tail : [])
            : null);
    }

    private async Task LoadSummaryBatchAsync(List<Load> batch)
    {
        var (warehouses, skus) = KeyArrays(batch);
        await using var command = dataSource.CreateCommand("""
            SELECT p.warehouse, p.sku, p.snapshot
            FROM unnest($1::text[], $2::text[]) AS k(warehouse, sku) JOIN stock_positions p USING (warehouse, sku)
            """);
        command.Parameters.Add(new() { Value = warehouses });
        command.Parameters.Add(new() { Value = skus });
        var found = new Dictionary<PositionKey, string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                found[new PositionKey(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
        }
        Complete(batch, position => found.TryGetValue(position, out var json) ? JsonSerializer.Deserialize<StockPositionSnapshot>(json, StoredJson.Options) : null);
    }

    /// <summary>Answers each load of a batch; one position that cannot be read must not fail the others.</summary>
    private static void Complete(List<Load> batch, Func<PositionKey, StockPositionSnapshot?> result)
    {
        foreach (var load in batch)
        {
            try
            {
                load.TrySetResult(result(load.Position));
            }
            catch (Exception e)
            {
                load.TrySetException(e);
            }
        }
    }

    private static (string[] Warehouses, string[] Skus) KeyArrays(List<Load> batch) =>
        (batch.Select(l => l.Position.Warehouse).ToArray(), batch.Select(l => l.Position.Sku).ToArray());

    private sealed class Load(PositionKey position) : TaskCompletionSource<StockPositionSnapshot?>(TaskCreationOptions.RunContinuationsAsynchronously),
        IBatchedRequest
    {
        public PositionKey Position { get; } = position;

        public object Key => Position;
    }

    public Task SaveAsync(PositionWrite write, CancellationToken cancellationToken = default)
    {
        if (write.ExpectedSequence == 0 && write.Recovery is null)
            throw new ArgumentException("The first write of a position must carry a recovery snapshot.", nameof(write));
        var commit = new Commit(write);
        commits.Enqueue(commit);
        return commit.Task;
    }

    private async Task CommitBatchAsync(List<Commit> batch)
    {
        var committed = await ExecuteCommitAsync(batch);
        foreach (var commit in batch)
        {
            if (committed.Contains(commit.Write.Position))
                commit.TrySetResult();
            else
                commit.TrySetException(new VersionConflictException(
                    $"Position {commit.Write.Position} is no longer at sequence {commit.Write.ExpectedSequence}; another writer won."));
        }
    }

    private async Task<HashSet<PositionKey>> ExecuteCommitAsync(List<Commit> batch)
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
        foreach (var commit in batch) rows += commit.Write.Entries.Count;
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

        await using var command = dataSource.CreateCommand(CommitSql);
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

    private sealed class Commit(PositionWrite write) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), IBatchedRequest
    {
        public PositionWrite Write { get; } = write;

        public object Key => Write.Position;
    }

    public async Task OverwriteSnapshotAsync(StockPositionSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO stock_positions (warehouse, sku, version, on_hand, reserved, snapshot, next_expiry, recovery, recovery_seq, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $3, now())
            ON CONFLICT (warehouse, sku) DO UPDATE SET version = excluded.version, on_hand = excluded.on_hand,
                reserved = excluded.reserved, snapshot = excluded.snapshot, next_expiry = excluded.next_expiry,
                recovery = excluded.recovery, recovery_seq = excluded.recovery_seq, available = NULL, available_until = NULL,
                updated_at = now()
            """);
        AddSnapshotParameters(command.Parameters, snapshot);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IReadOnlyList<LedgerEntry>> ReadLedgerAsync(PositionKey position, CancellationToken cancellationToken = default) =>
        ReadLedgerAsync(position, 0, cancellationToken);

    private async Task<IReadOnlyList<LedgerEntry>> ReadLedgerAsync(PositionKey position, long afterSequence, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {LedgerReader.Columns} FROM stock_ledger WHERE warehouse = $1 AND sku = $2 AND position_seq > $3 ORDER BY position_seq
            """);
        command.Parameters.Add(new() { Value = position.Warehouse });
        command.Parameters.Add(new() { Value = position.Sku });
        command.Parameters.Add(new() { Value = afterSequence });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(LedgerReader.Read(reader).Entry);
        return entries;
    }

    public Task<IReadOnlyList<PositionKey>> ListPositionsAsync(CancellationToken cancellationToken = default) =>
        Keys("SELECT warehouse, sku FROM stock_positions ORDER BY warehouse, sku", null, cancellationToken);

    public Task<IReadOnlyList<PositionKey>> ListWithExpiryDueAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default) =>
        Keys("SELECT warehouse, sku FROM stock_positions WHERE next_expiry <= $1 ORDER BY next_expiry", asOf, cancellationToken);

    private async Task<IReadOnlyList<PositionKey>> Keys(string sql, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        if (asOf is { } value) command.Parameters.Add(new() { Value = value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<PositionKey>();
        while (await reader.ReadAsync(cancellationToken))
            keys.Add(new PositionKey(reader.GetString(0), reader.GetString(1)));
        return keys;
    }

    private static void AddSnapshotParameters(NpgsqlParameterCollection parameters, StockPositionSnapshot snapshot)
    {
        DateTimeOffset? nextExpiry = null;
        foreach (var r in snapshot.Reservations)
        {
            if (r.Status == ReservationStatus.Active && (nextExpiry is null || r.ExpiresAt < nextExpiry))
                nextExpiry = r.ExpiresAt;
        }
        parameters.Add(new() { Value = snapshot.Warehouse });
        parameters.Add(new() { Value = snapshot.Sku });
        parameters.Add(new() { Value = snapshot.Sequence });
        parameters.Add(new() { Value = snapshot.OnHand });
        parameters.Add(new() { Value = snapshot.Reserved });
        parameters.Add(new() { Value = JsonSerializer.Serialize(snapshot, StoredJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        parameters.Add(new() { Value = nextExpiry.HasValue ? nextExpiry.Value.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
    }
}
