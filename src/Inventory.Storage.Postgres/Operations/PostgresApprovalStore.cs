using System.Text.Json;
using Inventory.Grains.Approvals;
using Inventory.Grains.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Operations;

/// <summary>Approval records in the approvals table (schema 0021), written with a version check.</summary>
public sealed class PostgresApprovalStore(NpgsqlDataSource dataSource) : IApprovalStore
{
    public async Task<(ApprovalRecord Record, long Version)?> LoadAsync(string approvalId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT data, version FROM approvals WHERE id = $1");
        command.Parameters.Add(new() { Value = approvalId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return (Parse(reader.GetString(0)), reader.GetInt64(1));
    }

    public async Task<long> SaveAsync(ApprovalRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var sql = expectedVersion == 0
            ? """
              INSERT INTO approvals (id, status, warehouse, sku, requested_by, value, data, version, requested_at, updated_at)
              VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9) ON CONFLICT (id) DO NOTHING
              """
            : """
              UPDATE approvals SET status = $2, data = $7, version = version + 1, updated_at = $9
              WHERE id = $1 AND version = $10
              """;
        await using var command = dataSource.CreateCommand(sql);
        var p = command.Parameters;
        p.Add(new() { Value = record.Id });
        p.Add(new() { Value = ApprovalRecord.StatusName(record.Status) });
        p.Add(new() { Value = record.Submission.Warehouse });
        p.Add(new() { Value = record.Submission.Sku });
        p.Add(new() { Value = record.RequestedBy.User });
        p.Add(new() { Value = record.Submission.Value });
        p.Add(new() { Value = JsonSerializer.Serialize(record, StoredJson.NamedEnums), NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(new() { Value = record.RequestedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = record.UpdatedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        if (expectedVersion != 0) p.Add(new() { Value = expectedVersion });

        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            throw new VersionConflictException($"Approval {record.Id} is not at version {expectedVersion}.");
        return expectedVersion + 1;
    }

    public async Task<IReadOnlyList<ApprovalRecord>> ListAsync(IReadOnlyCollection<ApprovalStatus> statuses, string? warehouse, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT data FROM approvals
            WHERE (cardinality($1::text[]) = 0 OR status = ANY($1)) AND ($2::text IS NULL OR warehouse = $2)
            ORDER BY requested_at, id LIMIT $3
            """);
        command.Parameters.Add(new() { Value = statuses.Select(ApprovalRecord.StatusName).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)warehouse ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<ApprovalRecord>();
        while (await reader.ReadAsync(cancellationToken))
            records.Add(Parse(reader.GetString(0)));
        return records;
    }

    private static ApprovalRecord Parse(string json) =>
        JsonSerializer.Deserialize<ApprovalRecord>(json, StoredJson.NamedEnums) ?? throw new InvalidOperationException("A stored approval is empty.");
}
