using Npgsql;

namespace Inventory.Bench.Profiling;

/// <summary>
/// PostgreSQL's own counters, read before and after a run: transactions committed in the system's database and, for
/// the whole cluster (only one system runs at a time), WAL flushes and their time. Commits per WAL flush shows how
/// much the database itself grouped commits.
/// </summary>
public sealed record DatabaseCounters(long Commits, long Rollbacks, long WalRecords, long WalBytes, long WalSyncs, double WalSyncMilliseconds)
{
    public static async Task<DatabaseCounters> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // Statistics reach shared memory when a backend goes idle (at most once a second): force ours, wait for the rest.
        await using var command = new NpgsqlCommand("""
            select d.xact_commit, d.xact_rollback, w.wal_records, w.wal_bytes::bigint, w.wal_sync, w.wal_sync_time
            from pg_stat_database d, pg_stat_wal w where d.datname = current_database()
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DatabaseCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDouble(5));
    }

    public DatabaseCounters Minus(DatabaseCounters before) => new(
        Commits - before.Commits, Rollbacks - before.Rollbacks, WalRecords - before.WalRecords, WalBytes - before.WalBytes,
        WalSyncs - before.WalSyncs, WalSyncMilliseconds - before.WalSyncMilliseconds);

    public double CommitsPerWalSync => WalSyncs == 0 ? 0 : (double)(Commits + Rollbacks) / WalSyncs;

    public double MeanWalSyncMilliseconds => WalSyncs == 0 ? 0 : WalSyncMilliseconds / WalSyncs;
}
