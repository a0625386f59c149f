using System.Text.Json;
using Inventory.Grains.Storage;
using Inventory.Grains.Transfers;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Operations;

/// <summary>Transfer records in the transfers table (schema 0021), written with a version check.</summary>
public sealed class PostgresTransferStore(NpgsqlDataSource dataSource) : ITransferStore
{
    public async Task<(TransferRecord Record, long Version)?> LoadAsync(string transferId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT data, version FROM transfers WHERE id = $1");
        command.Parameters.Add(new() { Value = transferId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return (Parse(reader.GetString(0)), reader.GetInt64(1));
    }

    public async Task<long> SaveAsync(TransferRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var sql = expectedVersion == 0
            ? """
              INSERT INTO transfers (id, status, from_warehouse, to_warehouse, sku, quantity, data, version, created_at, updated_at)
              VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9) ON CONFLICT (id) DO NOTHING
              """
            : """
              UPDATE transfers SET status = $2, data = $7, version = version + 1, updated_at = $9
              WHERE id = $1 AND version = $10
              """;
        await using var command = dataSource.CreateCommand(sql);
        var p = command.Parameters;
        p.Add(new() { Value = record.Id });
        p.Add(new() { Value = TransferRecord.StatusName(record.Status) });
        p.Add(new() { Value = record.Request.From });
        p.Add(new() { Value = record.Request.To });
        p.Add(new() { Value = record.Request.Sku });
        p.Add(new() { Value = record.Request.Quantity });
        p.Add(new() { Value = JsonSerializer.Serialize(record, StoredJson.NamedEnums), NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(new() { Value = record.CreatedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = record.UpdatedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        if (expectedVersion != 0) p.Add(new() { Value = expectedVersion });

        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            throw new VersionConflictException($"Transfer {record.Id} is not at version {expectedVersion}.");
        return expectedVersion + 1;
    }

    public async Task<IReadOnlyList<TransferRecord>> ListAsync(IReadOnlyCollection<TransferStatus> statuses, string? warehouse, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT data FROM transfers
            WHERE (cardinality($1::text[]) = 0 OR status = ANY($1))
              AND ($2::text IS NULL OR from_warehouse = $2 OR to_warehouse = $2)
            ORDER BY created_at DESC, id LIMIT $3
            """);
        command.Parameters.Add(new() { Value = statuses.Select(TransferRecord.StatusName).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)warehouse ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<TransferRecord>();
        while (await reader.ReadAsync(cancellationToken))
            records.Add(Parse(reader.GetString(0)));
        return records;
    }

    private static TransferRecord Parse(string json) =>
        JsonSerializer.Deserialize<TransferRecord>(json, StoredJson.NamedEnums) ?? throw new InvalidOperationException("A stored transfer is empty.");
}
