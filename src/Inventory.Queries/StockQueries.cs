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
public sealed class StockQueries(NpgsqlDataSource dataSource, TimeProvider time)
{
    // Policy fields live in the snapshot (camelCase JSON of StockPolicy).
    private const string ReorderPoint = "(snapshot->'policy'->>'reorderPoint')::numeric";

    // The available stock each commit stored is true until its available_until (a lot expiring); after that, and for
    // rows written before it was stored, it is worked out from the snapshot by the domain (StockPosition.AvailableFrom).
    // $1 is today (UTC).
    private const string Stale = "(available IS NULL OR coalesce(available_until <= $1, false))";

    /// <summary>Positions in (warehouse, sku) order, optionally filtered; low-stock filtering uses available as the domain defines it.</summary>
    public async Task<IReadOnlyList<StockRow>> ListPositionsAsync(StockFilter filter, CancellationToken cancellationToken = default)
    {
        var today = StockPosition.Today(time.GetUtcNow());
        var rows = new List<StockRow>();
        var (afterWarehouse, afterSku) = (filter.AfterWarehouse, filter.AfterSku);
        while (rows.Count < filter.Limit)
        {
            // Low stock is decided in SQL for rows whose stored available holds today; rows needing the domain's
            // computation come along and are decided here, so a page may need another round to fill.
            var want = filter.Limit - rows.Count;
            var sql = new StringBuilder($"""
                SELECT warehouse, sku, on_hand, reserved, {ReorderPoint},
                       coalesce((snapshot->'policy'->>'safetyStock')::numeric, 0), (snapshot->'policy'->>'maxStock')::numeric,
                       version, updated_at, available, CASE WHEN {Stale} THEN snapshot END
                FROM stock_positions WHERE true
                """);
            await using var command = dataSource.CreateCommand();
            var p = command.Parameters;
            p.Add(new() { Value = today, NpgsqlDbType = NpgsqlDbType.Date });
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
                sql.Append($" AND {ReorderPoint} IS NOT NULL AND ({Stale} OR available <= {ReorderPoint})");
            if (afterWarehouse is not null && afterSku is not null)
            {
                p.Add(new() { Value = afterWarehouse });
                p.Add(new() { Value = afterSku });
                sql.Append($" AND (warehouse, sku) > (${p.Count - 1}, ${p.Count})");
            }

            p.Add(new() { Value = want });
            sql.Append($" ORDER BY warehouse, sku LIMIT ${p.Count}");
            command.CommandText = sql.ToString();

            var read = 0;
            await using (var r = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await r.ReadAsync(cancellationToken))
                {
                    read++;
                    var (warehouse, sku) = (r.GetString(0), r.GetString(1));
                    (afterWarehouse, afterSku) = (warehouse, sku);
                    var onHand = r.GetDecimal(2);
                    var reserved = r.GetDecimal(3);
                    var available = r.IsDBNull(10) ? r.GetDecimal(9) : AvailableFrom(r.GetString(10), onHand, reserved, today);
                    var row = new StockRow(warehouse, sku, onHand, reserved, available,
                        r.IsDBNull(4) ? null : r.GetDecimal(4), r.GetDecimal(5), r.IsDBNull(6) ? null : r.GetDecimal(6),
                        r.GetInt64(7), new DateTimeOffset(r.GetDateTime(8), TimeSpan.Zero));
                    if (!filter.LowStockOnly || row.IsLow)
                        rows.Add(row);
                }
            }
            if (read < want) break; // no more rows
        }

        return rows;
    }

    /// <summary>Available as the domain works it out from a stored snapshot's layers and policy.</summary>
    private static decimal AvailableFrom(string snapshotJson, decimal onHand, decimal reserved, DateOnly today)
    {
        var snapshot = JsonSerializer.Deserialize<StockPositionSnapshot>(snapshotJson, StoredJson.Options)!;
        return StockPosition.AvailableFrom(onHand, reserved, snapshot.Layers, snapshot.Policy, today);
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
        var today = StockPosition.Today(time.GetUtcNow());
        long active, low;
        using (var command = dataSource.CreateCommand($"""
            SELECT (SELECT count(*) FROM reservations WHERE status = 'active' AND expires_at > now()),
                   (SELECT count(*) FROM stock_positions WHERE {ReorderPoint} IS NOT NULL AND NOT {Stale} AND available <= {ReorderPoint})
            """))
        {
            command.Parameters.Add(new() { Value = today, NpgsqlDbType = NpgsqlDbType.Date });
            using var reader = command.ExecuteReader();
            reader.Read();
            (active, low) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        using (var command = dataSource.CreateCommand($"SELECT on_hand, reserved, {ReorderPoint}, snapshot FROM stock_positions WHERE {ReorderPoint} IS NOT NULL AND {Stale}"))
        {
            command.Parameters.Add(new() { Value = today, NpgsqlDbType = NpgsqlDbType.Date });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (AvailableFrom(reader.GetString(3), reader.GetDecimal(0), reader.GetDecimal(1), today) <= reader.GetDecimal(2))
                    low++;
            }
        }
        return (active, low);
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
