using System.Text.Json;
using Inventory.Grains.Reservations;
using Inventory.Grains.Storage;
using Inventory.Runtime;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Grains;

/// <summary>Reservation records in the reservations table, written with a version check.</summary>
public sealed class PostgresReservationStore(NpgsqlDataSource dataSource) : IReservationStore
{
    private static JsonSerializerOptions Json => PostgresStockPositionStore.Json;

    public async Task<(ReservationRecord Record, long Version)?> LoadAsync(string reservationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, status, lines, expires_at, created_at, updated_at, reference, created_by, shortages, version
            FROM reservations WHERE id = $1
            """);
        command.Parameters.Add(new() { Value = reservationId });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken))
            return null;
        var record = new ReservationRecord(
            r.GetString(0),
            Enum.Parse<ReservationStatusValue>(r.GetString(1), ignoreCase: true),
            JsonSerializer.Deserialize<ReservationLine[]>(r.GetString(2), Json) ?? [],
            new DateTimeOffset(r.GetDateTime(3), TimeSpan.Zero),
            new DateTimeOffset(r.GetDateTime(4), TimeSpan.Zero),
            new DateTimeOffset(r.GetDateTime(5), TimeSpan.Zero),
            r.IsDBNull(6) ? null : r.GetString(6),
            r.IsDBNull(7) ? "" : r.GetString(7),
            r.IsDBNull(8) ? null : JsonSerializer.Deserialize<LineShortage[]>(r.GetString(8), Json));
        return (record, r.GetInt64(9));
    }

    public async Task<long> SaveAsync(ReservationRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var sql = expectedVersion == 0
            ? """
              INSERT INTO reservations (id, status, lines, expires_at, created_at, updated_at, reference, created_by, shortages, version)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1) ON CONFLICT (id) DO NOTHING
              """
            : """
              UPDATE reservations SET status = $2, lines = $3, expires_at = $4, updated_at = $6, shortages = $9, version = version + 1
              WHERE id = $1 AND version = $10
              """;
        await using var command = dataSource.CreateCommand(sql);
        var p = command.Parameters;
        p.Add(new() { Value = record.Id });
        p.Add(new() { Value = record.Status.ToString().ToLowerInvariant() });
        p.Add(new() { Value = JsonSerializer.Serialize(record.Lines, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(new() { Value = record.ExpiresAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = record.CreatedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = record.UpdatedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = (object?)record.Reference ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = record.CreatedBy });
        p.Add(new()
        {
            Value = record.Shortages is null ? DBNull.Value : JsonSerializer.Serialize(record.Shortages, Json),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        if (expectedVersion != 0) p.Add(new() { Value = expectedVersion });

        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            throw new VersionConflictException($"Reservation {record.Id} is not at version {expectedVersion}.");
        return expectedVersion + 1;
    }

    public async Task<IReadOnlyList<string>> ListIdsAsync(IReadOnlyCollection<ReservationStatusValue> statuses, DateTimeOffset? expiresBefore = null,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id FROM reservations WHERE status = ANY($1) AND ($2::timestamptz IS NULL OR expires_at < $2) ORDER BY expires_at, id");
        command.Parameters.Add(new() { Value = statuses.Select(s => s.ToString().ToLowerInvariant()).ToArray() });
        command.Parameters.Add(new() { Value = expiresBefore.HasValue ? expiresBefore.Value.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
            ids.Add(reader.GetString(0));
        return ids;
    }
}
