using Npgsql;

namespace Inventory.Bench.Profiling;

/// <summary>
/// The group commits the actors actually made during a window, read from the ledger: every row of one commit shares
/// its transaction's timestamp (recorded_at = now()), so rows grouped by position and recorded_at are one batch.
/// </summary>
public sealed record GroupCommitStats(
    long Commits, long Rows, double MeanBatch, double MedianBatch, double P99Batch, long MaxBatch,
    string? HottestPosition, long HottestCommits, double HottestMeanBatch)
{
    public static readonly GroupCommitStats None = new(0, 0, 0, 0, 0, 0, null, 0, 0);

    public static async Task<GroupCommitStats> ReadAsync(string connectionString, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        const string Batches = """
            select warehouse, sku, count(*) as n from stock_ledger
            where recorded_at >= $1 and recorded_at < $2 group by warehouse, sku, recorded_at
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var overall = new NpgsqlCommand($"""
            select count(*), coalesce(sum(n), 0)::bigint, coalesce(avg(n), 0)::float8,
                   coalesce(percentile_cont(0.5) within group (order by n), 0)::float8,
                   coalesce(percentile_cont(0.99) within group (order by n), 0)::float8, coalesce(max(n), 0)::bigint
            from ({Batches}) b
            """, connection) { CommandTimeout = 120 };
        overall.Parameters.Add(new() { Value = from });
        overall.Parameters.Add(new() { Value = to });
        long commits, rows, max;
        double mean, median, p99;
        await using (var reader = await overall.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (commits, rows, mean, median, p99, max) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetInt64(5));
        }

        await using var hottest = new NpgsqlCommand($"""
            select warehouse || '/' || sku, count(*), avg(n)::float8 from ({Batches}) b
            group by warehouse, sku order by sum(n) desc limit 1
            """, connection) { CommandTimeout = 120 };
        hottest.Parameters.Add(new() { Value = from });
        hottest.Parameters.Add(new() { Value = to });
        await using (var reader = await hottest.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
                return new GroupCommitStats(commits, rows, mean, median, p99, max, reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2));
        }
        return new GroupCommitStats(commits, rows, mean, median, p99, max, null, 0, 0);
    }
}
