using System.Diagnostics;
using Npgsql;

namespace Inventory.Bench.Profiling;

/// <summary>
/// The price of one durable commit on this machine, unloaded: a one-row INSERT and COMMIT, one after another. It bounds
/// any design that holds a lock across a commit at roughly 1 / (this + its round trips) per locked row.
/// </summary>
public static class CommitLatencyProbe
{
    public static async Task<(double P50, double P99)> MeasureAsync(string connectionString, int commits, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("create table if not exists bench_commit_probe (id bigint generated always as identity primary key, at timestamptz not null default now())", connection))
            await create.ExecuteNonQueryAsync(cancellationToken);

        var samples = new double[commits];
        for (var i = 0; i < commits; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var insert = new NpgsqlCommand("insert into bench_commit_probe default values", connection, transaction))
                await insert.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(samples);
        return (samples[samples.Length / 2], samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(samples.Length * 0.99) - 1)]);
    }
}
