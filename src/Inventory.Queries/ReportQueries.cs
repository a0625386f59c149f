using System.Text;
using Inventory.Domain;
using Inventory.Storage.Postgres.Grains;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Queries;

/// <summary>Report read models over stock_ledger: movement history across positions and per-position activity over a period.</summary>
public sealed class ReportQueries(NpgsqlDataSource dataSource)
{
    /// <summary>Ledger entries matching <paramref name="filter"/> in ledger order; <see cref="LedgerPage.HasMore"/> when another page follows.</summary>
    public async Task<LedgerPage> MovementsAsync(MovementFilter filter, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder($"SELECT {LedgerReader.Columns} FROM stock_ledger WHERE seq > $1");
        await using var command = dataSource.CreateCommand();
        var p = command.Parameters;
        p.Add(new() { Value = filter.AfterSeq });
        void Add(string condition, object value, NpgsqlDbType? type = null)
        {
            p.Add(type is { } t ? new NpgsqlParameter { Value = value, NpgsqlDbType = t } : new NpgsqlParameter { Value = value });
            sql.Append(" AND ").Append(condition.Replace("$?", "$" + p.Count, StringComparison.Ordinal));
        }

        if (filter.Warehouse is not null) Add("warehouse = $?", filter.Warehouse);
        if (filter.Sku is not null) Add("sku = $?", filter.Sku);
        if (filter.Types is { Count: > 0 } types) Add("type = ANY($?)", types.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        if (filter.From is { } from) Add("at >= $?", from.UtcDateTime, NpgsqlDbType.TimestampTz);
        if (filter.To is { } to) Add("at < $?", to.UtcDateTime, NpgsqlDbType.TimestampTz);
        if (filter.Reference is not null) Add("reference = $?", filter.Reference);
        p.Add(new() { Value = filter.Limit + 1 });
        sql.Append($" ORDER BY seq LIMIT ${p.Count}");
        command.CommandText = sql.ToString();

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<(long, LedgerEntry)>();
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(LedgerReader.Read(reader));
        var hasMore = entries.Count > filter.Limit;
        if (hasMore) entries.RemoveAt(entries.Count - 1);
        return new LedgerPage(entries, hasMore);
    }

    /// <summary>
    /// Per position with ledger entries before <paramref name="to"/>: on hand and book value at <paramref name="from"/>
    /// and at <paramref name="to"/>, the quantity and cost of goods of entries of <paramref name="issueTypes"/> in
    /// [from, to), and the last such entry before <paramref name="to"/>. The book value moves by each entry's total
    /// cost in the direction its on hand moved (receipts add, issues and write-offs subtract, reservations and status
    /// moves leave it), which is exactly the sum of the remaining cost layers.
    /// </summary>
    public async Task<IReadOnlyList<PositionActivity>> ActivityAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string> issueTypes,
        string? warehouse = null, string? sku = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH e AS (
                SELECT warehouse, sku, position_seq, type, quantity, total_cost, on_hand_after, at,
                       sign(on_hand_after - coalesce(lag(on_hand_after) OVER w, 0)) * total_cost AS value_change
                FROM stock_ledger
                WHERE at < $2 AND ($3::text IS NULL OR warehouse = $3) AND ($4::text IS NULL OR sku = $4)
                WINDOW w AS (PARTITION BY warehouse, sku ORDER BY position_seq)
            )
            SELECT warehouse, sku,
                   coalesce((array_agg(on_hand_after ORDER BY position_seq DESC) FILTER (WHERE at < $1))[1], 0),
                   (array_agg(on_hand_after ORDER BY position_seq DESC))[1],
                   coalesce(sum(value_change) FILTER (WHERE at < $1), 0),
                   sum(value_change),
                   coalesce(sum(quantity) FILTER (WHERE at >= $1 AND type = ANY($5)), 0),
                   coalesce(sum(total_cost) FILTER (WHERE at >= $1 AND type = ANY($5)), 0),
                   max(at) FILTER (WHERE type = ANY($5))
            FROM e GROUP BY warehouse, sku ORDER BY warehouse, sku
            """);
        var p = command.Parameters;
        p.Add(new() { Value = from.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = to.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = (object?)warehouse ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = (object?)sku ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = issueTypes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PositionActivity>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new PositionActivity(r.GetString(0), r.GetString(1), r.GetDecimal(2), r.GetDecimal(3), r.GetDecimal(4), r.GetDecimal(5),
                r.GetDecimal(6), r.GetDecimal(7), r.IsDBNull(8) ? null : new DateTimeOffset(r.GetDateTime(8), TimeSpan.Zero)));
        }

        return rows;
    }
}
