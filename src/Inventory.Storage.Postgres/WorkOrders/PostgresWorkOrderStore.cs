using System.Text.Json;
using Inventory.Grains.Storage;
using Inventory.Grains.WorkOrders;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.WorkOrders;

/// <summary>
/// Work orders as JSON documents in grain_state (state 'work-order', schema 0001), the rows the work order listing
/// reads; a version column guards every write, so two writers can never both win.
/// </summary>
public sealed class PostgresWorkOrderStore(NpgsqlDataSource dataSource) : IWorkOrderStore
{
    public const string StateName = "work-order";


    public async Task<(WorkOrderState State, long Version)?> LoadAsync(string workOrderId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT data, version FROM grain_state WHERE state_name = $1 AND key = $2");
        command.Parameters.Add(new() { Value = StateName });
        command.Parameters.Add(new() { Value = workOrderId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return (JsonSerializer.Deserialize<WorkOrderState>(reader.GetString(0), StoredJson.Options)!, reader.GetInt64(1));
    }

    public async Task<long> SaveAsync(WorkOrderState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var sql = expectedVersion == 0
            ? "INSERT INTO grain_state (state_name, key, version, data) VALUES ($1, $2, 1, $3) ON CONFLICT DO NOTHING"
            : "UPDATE grain_state SET data = $3, version = version + 1, updated_at = now() WHERE state_name = $1 AND key = $2 AND version = $4";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = StateName });
        command.Parameters.Add(new() { Value = state.Id });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(state, StoredJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        if (expectedVersion != 0) command.Parameters.Add(new() { Value = expectedVersion });
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            throw new VersionConflictException($"Work order {state.Id} is not at version {expectedVersion}.");
        return expectedVersion + 1;
    }
}
