using System.Text.Json;
using Inventory.Domain;
using Inventory.Grains.Storage;
using Inventory.Runtime;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Grains;

/// <summary>
/// Stock positions in PostgreSQL: a batch's ledger rows (one multi-row INSERT over unnest'ed arrays) and the
/// snapshot update guarded by version, sent as one NpgsqlBatch inside one transaction — two round trips per
/// group commit (the batch with its deferred BEGIN, then COMMIT), whatever the batch size.
/// </summary>
public sealed class PostgresStockPositionStore(NpgsqlDataSource dataSource) : IStockPositionStore
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string InsertLedger = """
        INSERT INTO stock_ledger (warehouse, sku, position_seq, type, quantity, unit_cost, total_cost, on_hand_after,
            reserved_after, reservation_id, expires_at, reference, reason, lot, lot_expires_on, draws, request_id,
            user_name, user_role, at)
        SELECT $1, $2, u.* FROM unnest($3::bigint[], $4::text[], $5::numeric[], $6::numeric[], $7::numeric[],
            $8::numeric[], $9::numeric[], $10::text[], $11::timestamptz[], $12::text[], $13::text[], $14::text[],
            $15::date[], $16::jsonb[], $17::text[], $18::text[], $19::text[], $20::timestamptz[]) AS u
        """;

    // A position whose policy was set before any movement has a snapshot at version 0; its first movement is saved
    // with expected sequence 0 again, so a version-0 row is updated rather than taken for another writer's.
    private const string InsertSnapshot = """
        INSERT INTO stock_positions (warehouse, sku, version, on_hand, reserved, snapshot, next_expiry, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, now())
        ON CONFLICT (warehouse, sku) DO UPDATE SET version = excluded.version, on_hand = excluded.on_hand,
            reserved = excluded.reserved, snapshot = excluded.snapshot, next_expiry = excluded.next_expiry, updated_at = now()
        WHERE stock_positions.version = 0
        """;

    private const string UpdateSnapshot = """
        UPDATE stock_positions SET version = $3, on_hand = $4, reserved = $5, snapshot = $6, next_expiry = $7, updated_at = now()
        WHERE warehouse = $1 AND sku = $2 AND version = $8
        """;

    public async Task<StockPositionSnapshot?> LoadAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT snapshot FROM stock_positions WHERE warehouse = $1 AND sku = $2");
        command.Parameters.Add(new() { Value = position.Warehouse });
        command.Parameters.Add(new() { Value = position.Sku });
        var json = await command.ExecuteScalarAsync(cancellationToken) as string;
        return json is null ? null : JsonSerializer.Deserialize<StockPositionSnapshot>(json, Json);
    }

    public async Task SaveAsync(StockPositionSnapshot snapshot, long expectedSequence, IReadOnlyList<LedgerEntry> entries,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);

        var snapshotCommand = new NpgsqlBatchCommand(expectedSequence == 0 ? InsertSnapshot : UpdateSnapshot);
        AddSnapshotParameters(snapshotCommand.Parameters, snapshot);
        if (expectedSequence != 0)
            snapshotCommand.Parameters.Add(new() { Value = expectedSequence });
        batch.BatchCommands.Add(snapshotCommand);
        if (entries.Count > 0)
            batch.BatchCommands.Add(LedgerInsert(snapshot, entries));

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new VersionConflictException($"Position {snapshot.Warehouse}/{snapshot.Sku}: ledger sequence already written ({e.ConstraintName}).");
        }

        if (snapshotCommand.RecordsAffected != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new VersionConflictException(
                $"Position {snapshot.Warehouse}/{snapshot.Sku} is no longer at sequence {expectedSequence}; another writer won.");
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task OverwriteSnapshotAsync(StockPositionSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO stock_positions (warehouse, sku, version, on_hand, reserved, snapshot, next_expiry, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, now())
            ON CONFLICT (warehouse, sku) DO UPDATE SET version = excluded.version, on_hand = excluded.on_hand,
                reserved = excluded.reserved, snapshot = excluded.snapshot, next_expiry = excluded.next_expiry, updated_at = now()
            """);
        AddSnapshotParameters(command.Parameters, snapshot);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LedgerEntry>> ReadLedgerAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {LedgerReader.Columns} FROM stock_ledger WHERE warehouse = $1 AND sku = $2 ORDER BY position_seq
            """);
        command.Parameters.Add(new() { Value = position.Warehouse });
        command.Parameters.Add(new() { Value = position.Sku });
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

    private static NpgsqlBatchCommand LedgerInsert(StockPositionSnapshot snapshot, IReadOnlyList<LedgerEntry> entries)
    {
        var n = entries.Count;
        var seq = new long[n];
        var type = new string[n];
        var quantity = new decimal[n];
        var unitCost = new decimal?[n];
        var totalCost = new decimal[n];
        var onHand = new decimal[n];
        var reserved = new decimal[n];
        var reservationId = new string?[n];
        var expiresAt = new DateTime?[n];
        var reference = new string?[n];
        var reason = new string?[n];
        var lot = new string?[n];
        var lotExpires = new DateOnly?[n];
        var draws = new string?[n];
        var requestId = new string?[n];
        var user = new string[n];
        var role = new string[n];
        var at = new DateTime[n];
        for (var i = 0; i < n; i++)
        {
            var e = entries[i];
            seq[i] = e.Sequence;
            type[i] = LedgerReader.TypeName(e.Type);
            quantity[i] = e.Quantity;
            unitCost[i] = e.UnitCost;
            totalCost[i] = e.TotalCost;
            onHand[i] = e.OnHandAfter;
            reserved[i] = e.ReservedAfter;
            reservationId[i] = e.ReservationId;
            expiresAt[i] = e.ExpiresAt?.UtcDateTime;
            reference[i] = e.Reference;
            reason[i] = e.Reason;
            lot[i] = e.Lot;
            lotExpires[i] = e.LotExpiresOn;
            draws[i] = e.Draws.Count == 0 ? null : JsonSerializer.Serialize(e.Draws, Json);
            requestId[i] = e.RequestId;
            user[i] = e.User;
            role[i] = e.Role;
            at[i] = e.At.UtcDateTime;
        }

        var command = new NpgsqlBatchCommand(InsertLedger);
        var p = command.Parameters;
        p.Add(new() { Value = snapshot.Warehouse });
        p.Add(new() { Value = snapshot.Sku });
        p.Add(new() { Value = seq });
        p.Add(new() { Value = type });
        p.Add(new() { Value = quantity });
        p.Add(new() { Value = unitCost, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
        p.Add(new() { Value = totalCost });
        p.Add(new() { Value = onHand });
        p.Add(new() { Value = reserved });
        p.Add(new() { Value = reservationId, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new() { Value = expiresAt, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = reference, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new() { Value = reason, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new() { Value = lot, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new() { Value = lotExpires, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        p.Add(new() { Value = draws, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        p.Add(new() { Value = requestId, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new() { Value = user });
        p.Add(new() { Value = role });
        p.Add(new() { Value = at, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        return command;
    }
}
