using System.Text.Json;
using Inventory.Runtime;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Server.Infrastructure.Storage;

/// <summary>
/// <see cref="IGrainStorage"/> over the grain_state table (schema 0001): JSON state with a version column guarding
/// every write and delete, so two writers can never both win.
/// </summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource) : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<StoredState<T>?> ReadAsync<T>(string stateName, string key, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT data, version FROM grain_state WHERE state_name = $1 AND key = $2");
        command.Parameters.Add(new() { Value = stateName });
        command.Parameters.Add(new() { Value = key });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        return new StoredState<T>(JsonSerializer.Deserialize<T>(reader.GetString(0), Json)!, reader.GetInt64(1));
    }

    public async Task<long> WriteAsync<T>(string stateName, string key, T state, long expectedVersion, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var sql = expectedVersion == 0
            ? "INSERT INTO grain_state (state_name, key, version, data) VALUES ($1, $2, 1, $3) ON CONFLICT DO NOTHING"
            : "UPDATE grain_state SET data = $3, version = version + 1, updated_at = now() WHERE state_name = $1 AND key = $2 AND version = $4";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = stateName });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(state, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        if (expectedVersion != 0) command.Parameters.Add(new() { Value = expectedVersion });
        if (await command.ExecuteNonQueryAsync(ct) != 1)
            throw new VersionConflictException($"State '{stateName}' of '{key}' is not at version {expectedVersion}.");
        return expectedVersion + 1;
    }

    public async Task DeleteAsync(string stateName, string key, long expectedVersion, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        await using var command = dataSource.CreateCommand(
            "DELETE FROM grain_state WHERE state_name = $1 AND key = $2 AND version = $3");
        command.Parameters.Add(new() { Value = stateName });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = expectedVersion });
        var deleted = await command.ExecuteNonQueryAsync(ct);
        if (deleted == 1 || expectedVersion == 0 && await ReadAsync<JsonElement>(stateName, key, ct) is null)
            return;
        throw new VersionConflictException($"State '{stateName}' of '{key}' is not at version {expectedVersion}.");
    }
}
