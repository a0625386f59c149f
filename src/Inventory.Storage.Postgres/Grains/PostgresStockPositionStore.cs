using System.Text.Json;
using Inventory.Domain;
using Inventory.Grains.Storage;
using Inventory.Runtime;
using Npgsql;
using Microsoft.Extensions.Options;
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
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly NpgsqlDataSource dataSource;
    private readonly PositionCommitWriter writer;

    public PostgresStockPositionStore(NpgsqlDataSource dataSource, IOptions<PostgresStorageOptions>? options = null)
    {
        this.dataSource = dataSource;
        var settings = options?.Value ?? new PostgresStorageOptions();
        writer = new PositionCommitWriter(dataSource, Math.Max(1, settings.CommitWriters), Math.Max(1, settings.MaxPositionsPerCommit));
    }

    public ValueTask DisposeAsync() => writer.DisposeAsync();

    public async Task<StockPositionSnapshot?> LoadAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce(recovery, snapshot), coalesce(recovery_seq, version), version FROM stock_positions WHERE warehouse = $1 AND sku = $2");
        command.Parameters.Add(new() { Value = position.Warehouse });
        command.Parameters.Add(new() { Value = position.Sku });
        string json;
        long recoverySequence, version;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
                return null;
            (json, recoverySequence, version) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        var recovery = JsonSerializer.Deserialize<StockPositionSnapshot>(json, Json)!;
        var tail = version > recoverySequence ? await ReadLedgerAsync(position, recoverySequence, cancellationToken) : [];
        return PositionRecovery.Replay(recovery, tail);
    }

    public async Task<StockPositionSnapshot?> LoadSummaryAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT snapshot FROM stock_positions WHERE warehouse = $1 AND sku = $2");
        command.Parameters.Add(new() { Value = position.Warehouse });
        command.Parameters.Add(new() { Value = position.Sku });
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<StockPositionSnapshot>(json, Json)
            : null;
    }

    public Task SaveAsync(PositionWrite write, CancellationToken cancellationToken = default) => writer.WriteAsync(write);

    public async Task OverwriteSnapshotAsync(StockPositionSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO stock_positions (warehouse, sku, version, on_hand, reserved, snapshot, next_expiry, recovery, recovery_seq, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $3, now())
            ON CONFLICT (warehouse, sku) DO UPDATE SET version = excluded.version, on_hand = excluded.on_hand,
                reserved = excluded.reserved, snapshot = excluded.snapshot, next_expiry = excluded.next_expiry,
                recovery = excluded.recovery, recovery_seq = excluded.recovery_seq, updated_at = now()
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
        parameters.Add(new() { Value = JsonSerializer.Serialize(snapshot, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        parameters.Add(new() { Value = nextExpiry.HasValue ? nextExpiry.Value.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
    }
}
