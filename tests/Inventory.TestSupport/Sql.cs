using System.Globalization;
using Npgsql;

namespace Inventory.TestSupport;

/// <summary>
/// One statement against a test database, on a connection of its own: to arrange what only a hand in the database
/// could (break a row, hold a lock) and to assert what is stored.
/// </summary>
public static class Sql
{
    /// <summary>Runs <paramref name="sql"/> with positional parameters ($1, $2, ...); returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(string connectionString, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(sql, connection, values);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row as <typeparamref name="T"/>; default when there is no row or it is NULL.</summary>
    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(sql, connection, values);
        return await command.ExecuteScalarAsync() switch
        {
            null or DBNull => default,
            T value => value,
            var other => (T)Convert.ChangeType(other, typeof(T), CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Every row, each read by <paramref name="read"/>.</summary>
    public static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(read(reader));
        return rows;
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
