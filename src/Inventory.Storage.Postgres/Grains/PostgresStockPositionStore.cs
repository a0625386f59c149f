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
/// from which loading replays the later ledger entries. Commits go through <see cref="PositionCommitWriter"/>,
/// which merges the batches of concurrently committing positions into one statement.
/// </summary>
public sealed class PostgresStockPositionStore : IStockPositionStore, IAsyncDisposable
{

    private readonly NpgsqlDataSource dataSource;
    private readonly PositionCommitWriter writer;
    private readonly StatementBatcher<Load> loads;
    private readonly StatementBatcher<Load> summaries;

    public PostgresStockPositionStore(NpgsqlDataSource dataSource, IOptions<PostgresStorageOptions>? options = null)
    {
        this.dataSource = dataSource;
        var settings = options?.Value ?? new PostgresStorageOptions();
        var (concurrency, batch) = (Math.Max(1, settings.CommitWriters), Math.Max(1, settings.MaxPositionsPerCommit));
        writer = new PositionCommitWriter(dataSource, concurrency, batch);
        loads = new StatementBatcher<Load>(LoadBatchAsync, concurrency, batch);
        summaries = new StatementBatcher<Load>(LoadSummaryBatchAsync, concurrency, batch);
    }

    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync();
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

    public Task SaveAsync(PositionWrite write, CancellationToken cancellationToken = default) => writer.WriteAsync(write);

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
