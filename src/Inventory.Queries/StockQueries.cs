using System.Text;
using System.Text.Json;
using Inventory.Domain;
using Inventory.Grains.Storage;
using Inventory.Storage.Postgres.Grains;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Queries;

/// <summary>
/// Read models over committed data (snapshots and the ledger). They never activate a grain, so listing thousands
/// of positions costs one query, and what they show is exactly what was acknowledged.
/// </summary>
public sealed class StockQueries(NpgsqlDataSource dataSource)
{

    // Policy fields live in the snapshot (camelCase JSON of StockPolicy).
    private const string ReorderPoint = "(snapshot->'policy'->>'reorderPoint')::numeric";

    // On hand that cannot be promised: layers in quality control or damaged (status 1, 2) and available layers of lots
    // expired before today (UTC). Layers of snapshots written before statuses existed have no status: available.
    private const string NotSellable = """
        (SELECT coalesce(sum((l->>'quantity')::numeric), 0) FROM jsonb_array_elements(coalesce(snapshot->'layers', '[]'::jsonb)) l
         WHERE coalesce((l->>'status')::int, 0) <> 0 OR (l->>'expiresOn')::date < (now() AT TIME ZONE 'utc')::date)
        """;

    // Available as the position defines it: on hand - reserved - quality control - damaged - expired - safety stock,
    // never below zero unless the policy allows negative stock.
    private const string Available = $"""
        (CASE WHEN coalesce((snapshot->'policy'->>'allowNegative')::boolean, false)
              THEN on_hand - reserved - {NotSellable} - coalesce((snapshot->'policy'->>'safetyStock')::numeric, 0)
              ELSE greatest(0, on_hand - reserved - {NotSellable} - coalesce((snapshot->'policy'->>'safetyStock')::numeric, 0)) END)
        """;

    public async Task<IReadOnlyList<StockRow>> ListPositionsAsync(StockFilter filter, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder($"""
            SELECT warehouse, sku, on_hand, reserved, {ReorderPoint},
                   coalesce((snapshot->'policy'->>'safetyStock')::numeric, 0), (snapshot->'policy'->>'maxStock')::numeric,
                   version, updated_at, {Available}
            FROM stock_positions WHERE true
            """);
        await using var command = dataSource.CreateCommand();
        var p = command.Parameters;
        if (filter.Warehouse is not null)
        {
            p.Add(new() { Value = filter.Warehouse });
            sql.Append($" AND warehouse = ${p.Count}");
        }

        if (!string.IsNullOrEmpty(filter.SkuPrefix))
        {
            p.Add(new() { Value = EscapeLike(filter.SkuPrefix) + "%" });
            sql.Append($" AND sku LIKE ${p.Count}");
        }

        if (filter.LowStockOnly)
            sql.Append($" AND {ReorderPoint} IS NOT NULL AND {Available} <= {ReorderPoint}");
        if (filter.AfterWarehouse is not null && filter.AfterSku is not null)
        {
            p.Add(new() { Value = filter.AfterWarehouse });
            p.Add(new() { Value = filter.AfterSku });
            sql.Append($" AND (warehouse, sku) > (${p.Count - 1}, ${p.Count})");
        }

        p.Add(new() { Value = filter.Limit });
        sql.Append($" ORDER BY warehouse, sku LIMIT ${p.Count}");
        command.CommandText = sql.ToString();

        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<StockRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            var onHand = r.GetDecimal(2);
            var reserved = r.GetDecimal(3);
            rows.Add(new StockRow(r.GetString(0), r.GetString(1), onHand, reserved, r.GetDecimal(9),
                r.IsDBNull(4) ? null : r.GetDecimal(4), r.GetDecimal(5), r.IsDBNull(6) ? null : r.GetDecimal(6),
                r.GetInt64(7), new DateTimeOffset(r.GetDateTime(8), TimeSpan.Zero)));
        }

        return rows;
    }

    /// <summary>
    /// Entries of one position in sequence order, after position sequence <paramref name="afterSequence"/>,
    /// optionally only those recorded at or after <paramref name="from"/> and before <paramref name="to"/>.
    /// </summary>
    public async Task<LedgerPage> ReadLedgerAsync(PositionKey position, long afterSequence, int limit,
        DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {LedgerReader.Columns} FROM stock_ledger
            WHERE warehouse = $1 AND sku = $2 AND position_seq > $3
              AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at < $5)
            ORDER BY position_seq LIMIT $6
            """);
        var p = command.Parameters;
        p.Add(new() { Value = position.Warehouse });
        p.Add(new() { Value = position.Sku });
        p.Add(new() { Value = afterSequence });
        p.Add(new() { Value = from.HasValue ? from.Value.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = to.HasValue ? to.Value.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = limit + 1 });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<(long, LedgerEntry)>();
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(LedgerReader.Read(reader));
        var hasMore = entries.Count > limit;
        if (hasMore) entries.RemoveAt(entries.Count - 1);
        return new LedgerPage(entries, hasMore);
    }

    /// <summary>Stored snapshots, optionally of one warehouse and/or one SKU, in (warehouse, sku) order.</summary>
    public async Task<IReadOnlyList<StockPositionSnapshot>> ListSnapshotsAsync(string? warehouse = null, string? sku = null,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT snapshot FROM stock_positions
            WHERE ($1::text IS NULL OR warehouse = $1) AND ($2::text IS NULL OR sku = $2)
            ORDER BY warehouse, sku
            """);
        command.Parameters.Add(new() { Value = (object?)warehouse ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)sku ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var snapshots = new List<StockPositionSnapshot>();
        while (await reader.ReadAsync(cancellationToken))
            snapshots.Add(JsonSerializer.Deserialize<StockPositionSnapshot>(reader.GetString(0), StoredJson.Options)!);
        return snapshots;
    }

    /// <summary>Warehouses that hold a stored position of <paramref name="sku"/>.</summary>
    public async Task<IReadOnlyList<PositionKey>> ListPositionsOfSkuAsync(string sku, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT warehouse, sku FROM stock_positions WHERE sku = $1 ORDER BY warehouse");
        command.Parameters.Add(new() { Value = sku });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<PositionKey>();
        while (await reader.ReadAsync(cancellationToken))
            keys.Add(new PositionKey(reader.GetString(0), reader.GetString(1)));
        return keys;
    }

    /// <summary>Whether any position of the SKU has stock on hand or reserved.</summary>
    public async Task<bool> HasStockOrReservationsAsync(string sku, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM stock_positions WHERE sku = $1 AND (on_hand <> 0 OR reserved <> 0))");
        command.Parameters.Add(new() { Value = sku });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Reservations holding stock now (active, not expired) and positions whose available stock is at or below their
    /// reorder point, in one statement. Synchronous: metric collection callbacks cannot await.
    /// </summary>
    public (long ActiveReservations, long LowStockPositions) CountGauges()
    {
        using var command = dataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM reservations WHERE status = 'active' AND expires_at > now()), " +
            $"(SELECT count(*) FROM stock_positions WHERE {ReorderPoint} IS NOT NULL AND {Available} <= {ReorderPoint})");
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
