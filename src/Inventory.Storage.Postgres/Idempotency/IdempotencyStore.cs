using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Idempotency;

/// <summary>
/// Idempotency keys (table idempotency_keys, primary key scope + key). The first request claims the key with an
/// insert (status 0 = running); duplicates see the claim and wait for, then replay, the stored response.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource)
{
    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, CancellationToken cancellationToken = default)
    {
        await using (var insert = dataSource.CreateCommand("""
            INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response_body)
            VALUES ($1, $2, $3, 0, '') ON CONFLICT (scope, key) DO NOTHING
            """))
        {
            insert.Parameters.Add(new() { Value = scope });
            insert.Parameters.Add(new() { Value = key });
            insert.Parameters.Add(new() { Value = requestHash });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
                return new IdempotencyClaim(true, null);
        }

        var existing = await GetAsync(scope, key, cancellationToken);
        // Deleted between the insert and the read (its first request failed): the caller may simply retry.
        return new IdempotencyClaim(false, existing);
    }

    public async Task<StoredResponse?> GetAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT request_hash, status_code, response_body, content_type, location FROM idempotency_keys WHERE scope = $1 AND key = $2");
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = key });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken))
            return null;
        return new StoredResponse(r.GetString(0), r.GetInt32(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
            r.IsDBNull(4) ? null : r.GetString(4));
    }

    /// <summary>Stores the first request's response, to be replayed to every repeat.</summary>
    public async Task CompleteAsync(string scope, string key, int statusCode, string body, string? contentType, string? location,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE idempotency_keys SET status_code = $3, response_body = $4, content_type = $5, location = $6, completed_at = now()
            WHERE scope = $1 AND key = $2
            """);
        var p = command.Parameters;
        p.Add(new() { Value = scope });
        p.Add(new() { Value = key });
        p.Add(new() { Value = statusCode });
        p.Add(new() { Value = body });
        p.Add(new() { Value = (object?)contentType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = (object?)location ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Gives up a claim whose request failed in a retryable way, so a retry runs it afresh.</summary>
    public async Task AbandonAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status_code = 0");
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = key });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Removes keys created before <paramref name="createdBefore"/>, and every unfinished claim when
    /// <paramref name="includeUnfinished"/> (at start-up of the single process, no request can still be running).
    /// </summary>
    public async Task<int> PurgeAsync(DateTimeOffset createdBefore, bool includeUnfinished, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM idempotency_keys WHERE created_at < $1 OR ($2 AND status_code = 0)");
        command.Parameters.Add(new() { Value = createdBefore.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = includeUnfinished });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
