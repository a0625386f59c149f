using Npgsql;

namespace Inventory.Events;

/// <summary>Each consumer's checkpoint (the last ledger seq it has processed) in event_checkpoints.</summary>
public sealed class EventCheckpointStore(NpgsqlDataSource dataSource)
{
    /// <summary>The checkpoints of these consumers; a consumer without one is absent.</summary>
    public async Task<IReadOnlyDictionary<string, long>> LoadAsync(IEnumerable<string> consumers, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT consumer, seq FROM event_checkpoints WHERE consumer = ANY($1)");
        command.Parameters.Add(new() { Value = consumers.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var checkpoints = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
            checkpoints[reader.GetString(0)] = reader.GetInt64(1);
        return checkpoints;
    }

    /// <summary>
    /// The lowest checkpoint named with <paramref name="prefix"/> but not with <paramref name="except"/>, else
    /// <paramref name="fallback"/>'s; null when neither is stored.
    /// </summary>
    public async Task<long?> LowestAsync(string prefix, string except, string fallback, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT coalesce(min(seq) FILTER (WHERE starts_with(consumer, $1) AND NOT starts_with(consumer, $2)), min(seq) FILTER (WHERE consumer = $3))
            FROM event_checkpoints
            """);
        command.Parameters.Add(new() { Value = prefix });
        command.Parameters.Add(new() { Value = except });
        command.Parameters.Add(new() { Value = fallback });
        return await command.ExecuteScalarAsync(cancellationToken) is long seq ? seq : null;
    }

    /// <summary>Moves a checkpoint forward (never back: a stale writer cannot undo a newer checkpoint).</summary>
    public async Task SaveAsync(string consumer, long seq, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO event_checkpoints (consumer, seq, updated_at) VALUES ($1, $2, now())
            ON CONFLICT (consumer) DO UPDATE SET seq = excluded.seq, updated_at = now() WHERE event_checkpoints.seq < excluded.seq
            """);
        command.Parameters.Add(new() { Value = consumer });
        command.Parameters.Add(new() { Value = seq });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
