using Npgsql;

namespace Inventory.Events.Tests;

/// <summary>Ledger rows written outside the grains, inside a transaction the test holds open or rolls back.</summary>
internal static class LedgerRowsInFlight
{
    /// <summary>Inserts one ledger row of a new position inside <paramref name="transaction"/>; returns its seq.</summary>
    public static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string warehouse, string sku,
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
}
