using Npgsql;

namespace Inventory.Events.Tests;

/// <summary>Direct SQL for what the tests arrange outside the grains (in-flight transactions, products).</summary>
internal static class Sql
{
    /// <summary>Inserts one ledger row of a new position inside <paramref name="transaction"/>; returns its seq.</summary>
    public static async Task<long> InsertLedgerRowAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string warehouse, string sku,
        decimal quantity = 5m)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO stock_ledger (warehouse, sku, position_seq, type, quantity, unit_cost, total_cost, on_hand_after, reserved_after,
                user_name, user_role, at)
            VALUES ($1, $2, 1, 'received', $3, 1, $3, $3, 0, 'clerk', 'warehouse_staff', now())
            RETURNING seq
            """, connection, transaction);
        command.Parameters.Add(new() { Value = warehouse });
        command.Parameters.Add(new() { Value = sku });
        command.Parameters.Add(new() { Value = quantity });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.Add(new() { Value = value });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(string connectionString, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.Add(new() { Value = value });
        await command.ExecuteNonQueryAsync();
    }
}
