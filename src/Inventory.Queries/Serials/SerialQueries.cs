using System.Text;
using Inventory.Domain.Serials;
using Inventory.Storage.Postgres.Serials;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Queries.Serials;

/// <summary>Read models over serial_items and serial_history: listing items and their histories without activating grains.</summary>
public sealed class SerialQueries(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<SerialItem>> ListAsync(SerialFilter filter, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder($"SELECT {PostgresSerialItemStore.ItemColumns} FROM serial_items WHERE true");
        await using var command = dataSource.CreateCommand();
        var p = command.Parameters;
        void Equal(string column, string? value)
        {
            if (value is null) return;
            p.Add(new() { Value = value });
            sql.Append($" AND {column} = ${p.Count}");
        }

        Equal("sku", filter.Sku);
        Equal("warehouse", filter.Warehouse);
        Equal("status", filter.Status);
        Equal("reference", filter.Reference);
        if (filter.AfterSku is not null && filter.AfterSerial is not null)
        {
            p.Add(new() { Value = filter.AfterSku });
            p.Add(new() { Value = filter.AfterSerial });
            sql.Append($" AND (sku, serial) > (${p.Count - 1}, ${p.Count})");
        }

        p.Add(new() { Value = filter.Limit });
        sql.Append($" ORDER BY sku, serial LIMIT ${p.Count}");
        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<SerialItem>();
        while (await reader.ReadAsync(cancellationToken))
            items.Add(PostgresSerialItemStore.ReadItem(reader));
        return items;
    }

    /// <summary>
    /// History entries in recorded order after <paramref name="afterSeq"/>: of one item (sku and serial), or of every
    /// item filtered by sku, reference and time [from, to).
    /// </summary>
    public async Task<IReadOnlyList<SerialHistoryRow>> HistoryAsync(string? sku, string? serial, string? reference,
        DateTimeOffset? from, DateTimeOffset? to, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT seq, {PostgresSerialItemStore.HistoryColumns} FROM serial_history
            WHERE ($1::text IS NULL OR sku = $1) AND ($2::text IS NULL OR serial = $2) AND ($3::text IS NULL OR reference = $3)
              AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at < $5) AND seq > $6
            ORDER BY seq LIMIT $7
            """);
        var p = command.Parameters;
        p.Add(Text(sku));
        p.Add(Text(serial));
        p.Add(Text(reference));
        p.Add(new() { Value = from.HasValue ? from.Value.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = to.HasValue ? to.Value.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = afterSeq });
        p.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<SerialHistoryRow>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(ReadRow(reader));
        return rows;
    }

    // The row is "seq, <history columns>": read the history columns from offset 1.
    private static SerialHistoryRow ReadRow(NpgsqlDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        new SerialTransition(
            r.GetInt64(3),
            r.IsDBNull(4) ? null : PostgresSerialItemStore.ParseStatus(r.GetString(4)),
            PostgresSerialItemStore.ParseStatus(r.GetString(5)),
            r.GetString(6),
            r.IsDBNull(7) ? null : r.GetString(7),
            r.GetString(9),
            r.GetString(10),
            new DateTimeOffset(r.GetDateTime(11), TimeSpan.Zero),
            r.IsDBNull(8) ? null : r.GetDecimal(8)));

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
