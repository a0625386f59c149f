using Inventory.Domain.Serials;
using Inventory.Grains.Serials;
using Inventory.Grains.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Serials;

/// <summary>
/// Serial items in serial_items and their history in serial_history (schema 0030). A move updates the item guarded
/// by its sequence and appends its history row in one transaction; a receipt registers all its serials or none.
/// </summary>
public sealed class PostgresSerialItemStore(NpgsqlDataSource dataSource) : ISerialItemStore
{
    public const string ItemColumns =
        "sku, serial, warehouse, status, reference, sequence, hold_id, cost_of_goods, receipt_id, registered_at, updated_at";

    public const string HistoryColumns =
        "sku, serial, sequence, from_status, to_status, reason, reference, cost_of_goods, user_name, user_role, at";

    private const string InsertHistory = $"""
        INSERT INTO serial_history ({HistoryColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """;

    public async Task<SerialItem?> LoadAsync(string sku, string serial, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {ItemColumns} FROM serial_items WHERE sku = $1 AND serial = $2");
        command.Parameters.Add(new() { Value = sku });
        command.Parameters.Add(new() { Value = serial });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadItem(reader) : null;
    }

    public async Task SaveAsync(SerialItem item, SerialTransition transition, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand("""
            UPDATE serial_items SET status = $3, reference = $4, sequence = $5, hold_id = $6, cost_of_goods = $7, updated_at = $8
            WHERE sku = $1 AND serial = $2 AND sequence = $9
            """, connection, transaction))
        {
            var p = update.Parameters;
            p.Add(new() { Value = item.Sku });
            p.Add(new() { Value = item.Serial });
            p.Add(new() { Value = SerialLifecycle.Name(item.Status) });
            p.Add(Text(item.Reference));
            p.Add(new() { Value = item.Sequence });
            p.Add(Text(item.HoldId));
            p.Add(Numeric(item.CostOfGoods));
            p.Add(new() { Value = item.UpdatedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            p.Add(new() { Value = item.Sequence - 1 });
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
                throw new VersionConflictException($"Serial {item.Sku}/{item.Serial} is not at sequence {item.Sequence - 1}.");
        }

        await using (var history = new NpgsqlCommand(InsertHistory, connection, transaction))
        {
            AddHistoryParameters(history.Parameters, item.Sku, item.Serial, transition);
            await history.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<SerialRegistration> RegisterAsync(string receiptId, IReadOnlyList<(SerialItem Item, SerialTransition Transition)> items,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await TryRegisterAsync(receiptId, items, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // A concurrent receipt registered one of these serials between our read and our insert (the transaction
            // rolled back): read again, now that its rows are visible, and answer from them.
            return await TryRegisterAsync(receiptId, items, cancellationToken);
        }
    }

    private async Task<SerialRegistration> TryRegisterAsync(string receiptId, IReadOnlyList<(SerialItem Item, SerialTransition Transition)> items,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        var sku = items[0].Item.Sku;
        var serials = items.Select(i => i.Item.Serial).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var existing = await ExistingAsync(connection, transaction, sku, serials, cancellationToken);
        var conflicts = existing.Where(e => e.Value != receiptId).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        if (conflicts.Count > 0)
            return new SerialRegistration([], [], conflicts);

        var fresh = items.Where(i => !existing.ContainsKey(i.Item.Serial)).ToList();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (item, transition) in fresh)
        {
            var insert = new NpgsqlBatchCommand($"""
                INSERT INTO serial_items ({ItemColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (sku, serial) DO NOTHING
                """);
            var p = insert.Parameters;
            p.Add(new() { Value = item.Sku });
            p.Add(new() { Value = item.Serial });
            p.Add(new() { Value = item.Warehouse });
            p.Add(new() { Value = SerialLifecycle.Name(item.Status) });
            p.Add(Text(item.Reference));
            p.Add(new() { Value = item.Sequence });
            p.Add(Text(item.HoldId));
            p.Add(Numeric(item.CostOfGoods));
            p.Add(new() { Value = item.ReceiptId });
            p.Add(new() { Value = item.RegisteredAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            p.Add(new() { Value = item.UpdatedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            batch.BatchCommands.Add(insert);
            var history = new NpgsqlBatchCommand(InsertHistory);
            AddHistoryParameters(history.Parameters, item.Sku, item.Serial, transition);
            batch.BatchCommands.Add(history);
        }

        if (fresh.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            // Every insert must have taken (a concurrent insert makes ON CONFLICT skip ours; its history row then
            // fails on the unique sequence, which RegisterAsync handles).
            for (var i = 0; i < fresh.Count; i++)
            {
                if (batch.BatchCommands[2 * i].RecordsAffected != 1)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return new SerialRegistration([], [], [fresh[i].Item.Serial]);
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new SerialRegistration(
            [.. fresh.Select(f => f.Item.Serial)],
            [.. existing.Keys.Order(StringComparer.Ordinal)],
            []);
    }

    private static async Task<Dictionary<string, string>> ExistingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string sku, string[] serials, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT serial, receipt_id FROM serial_items WHERE sku = $1 AND serial = ANY($2) FOR UPDATE", connection, transaction);
        command.Parameters.Add(new() { Value = sku });
        command.Parameters.Add(new() { Value = serials });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var existing = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
            existing[reader.GetString(0)] = reader.GetString(1);
        return existing;
    }

    public static SerialItem ReadItem(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        ParseStatus(r.GetString(3)),
        r.IsDBNull(4) ? null : r.GetString(4),
        r.GetInt64(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.IsDBNull(7) ? null : r.GetDecimal(7),
        r.GetString(8),
        new DateTimeOffset(r.GetDateTime(9), TimeSpan.Zero),
        new DateTimeOffset(r.GetDateTime(10), TimeSpan.Zero));

    public static SerialStatus ParseStatus(string text) => Enum.Parse<SerialStatus>(text, ignoreCase: true);

    private static void AddHistoryParameters(NpgsqlParameterCollection p, string sku, string serial, SerialTransition t)
    {
        p.Add(new() { Value = sku });
        p.Add(new() { Value = serial });
        p.Add(new() { Value = t.Sequence });
        p.Add(Text(t.From is { } from ? SerialLifecycle.Name(from) : null));
        p.Add(new() { Value = SerialLifecycle.Name(t.To) });
        p.Add(new() { Value = t.Reason });
        p.Add(Text(t.Reference));
        p.Add(Numeric(t.CostOfGoods));
        p.Add(new() { Value = t.User });
        p.Add(new() { Value = t.Role });
        p.Add(new() { Value = t.At.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Numeric(decimal? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric };
}
