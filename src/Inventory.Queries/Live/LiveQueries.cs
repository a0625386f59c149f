using System.Text;
using System.Text.Json;
using Inventory.Grains.Storage;
using Npgsql;

namespace Inventory.Queries.Live;

/// <summary>The read models a live dashboard starts from before events keep it current.</summary>
public sealed class LiveQueries(NpgsqlDataSource dataSource)
{

    /// <summary>Lines of active, unexpired reservations (optionally of one warehouse), soonest expiry first.</summary>
    public async Task<IReadOnlyList<ActiveReservationLine>> ActiveReservationsAsync(string? warehouse, int limit, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder("""
            SELECT id, reference, created_by, created_at, expires_at, lines FROM reservations
            WHERE status = 'active' AND expires_at > now()
            """);
        await using var command = dataSource.CreateCommand();
        if (warehouse is not null)
        {
            sql.Append(" AND lines @> $2::jsonb");
            command.Parameters.Add(new() { Value = limit });
            command.Parameters.Add(new() { Value = JsonSerializer.Serialize(new[] { new { warehouse } }, StoredJson.Options), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
        }
        else
        {
            command.Parameters.Add(new() { Value = limit });
        }
        sql.Append(" ORDER BY expires_at, id LIMIT $1");
        command.CommandText = sql.ToString();

        var lines = new List<ActiveReservationLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            var reference = reader.IsDBNull(1) ? null : reader.GetString(1);
            var createdBy = reader.IsDBNull(2) ? "" : reader.GetString(2);
            var createdAt = Utc(reader.GetDateTime(3));
            var expiresAt = Utc(reader.GetDateTime(4));
            foreach (var line in JsonSerializer.Deserialize<StoredLine[]>(reader.GetString(5), StoredJson.Options) ?? [])
            {
                if (warehouse is null || line.Warehouse == warehouse)
                    lines.Add(new ActiveReservationLine(id, line.Warehouse, line.Sku, line.Quantity, reference, createdBy, createdAt, expiresAt));
            }
        }
        return lines;
    }

    /// <summary>Ledger entries per minute and entry type since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<MovementBucket>> MovementsPerMinuteAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT date_trunc('minute', at) AS minute, type, count(*), coalesce(sum(abs(quantity)), 0)
            FROM stock_ledger WHERE at >= $1 GROUP BY 1, 2 ORDER BY 1, 2
            """);
        command.Parameters.Add(new() { Value = since.UtcDateTime, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        var buckets = new List<MovementBucket>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            buckets.Add(new MovementBucket(Utc(reader.GetDateTime(0)), reader.GetString(1), reader.GetInt64(2), reader.GetDecimal(3)));
        return buckets;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record StoredLine(string Warehouse, string Sku, decimal Quantity);
}
