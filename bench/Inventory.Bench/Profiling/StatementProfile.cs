using Npgsql;

namespace Inventory.Bench.Profiling;

/// <summary>
/// The statements a system sent during one run, from pg_stat_statements (reset before the run): what the database
/// spent its time on, and how many statements and transactions one reservation costs.
/// </summary>
public sealed record StatementProfile(IReadOnlyList<StatementProfile.Statement> Top)
{
    public sealed record Statement(string Query, long Calls, double TotalMilliseconds, double MeanMilliseconds, long Rows);

    public static async Task ResetAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select pg_stat_statements_reset()", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The statements of <paramref name="database"/>, most calls first (read through <paramref name="connectionString"/>).</summary>
    public static async Task<StatementProfile> ReadAsync(string connectionString, string database, int top, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            select regexp_replace(s.query, '\s+', ' ', 'g'), s.calls, s.total_exec_time, s.mean_exec_time, s.rows
            from pg_stat_statements s join pg_database d on d.oid = s.dbid
            where d.datname = $1 order by s.calls desc, s.total_exec_time desc limit $2
            """, connection);
        command.Parameters.Add(new() { Value = database });
        command.Parameters.Add(new() { Value = (long)top });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var statements = new List<Statement>();
        while (await reader.ReadAsync(cancellationToken))
            statements.Add(new Statement(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetInt64(4)));
        return new StatementProfile(statements);
    }
}
