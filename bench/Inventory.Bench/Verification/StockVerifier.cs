using Inventory.Bench.Orchestration;
using Inventory.Bench.Scenarios;
using Npgsql;

namespace Inventory.Bench.Verification;

/// <summary>
/// Reads every position's on-hand and reserved quantity from a system's database after the runs and compares them
/// with the seeded stock and with the units acknowledged to clients. Reads the tables, not the API.
/// </summary>
public static class StockVerifier
{
    public static async Task<(IReadOnlyList<PositionCheck> Checks, long ActiveReservationRows)> VerifyAsync(
        SystemUnderTest system, Catalogue catalogue, long[] acknowledged, CancellationToken cancellationToken)
    {
        var (levelsSql, ledgerSql) = system.Kind == SystemKind.Actors
            ? ("select warehouse, sku, on_hand, reserved from stock_positions",
               "select distinct on (warehouse, sku) warehouse, sku, on_hand_after, reserved_after from stock_ledger order by warehouse, sku, position_seq desc")
            : ("select warehouse, sku, on_hand, reserved from stock",
               "select distinct on (warehouse, sku) warehouse, sku, on_hand_after, reserved_after from stock_ledger order by warehouse, sku, seq desc");

        await using var connection = new NpgsqlConnection(system.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var levels = await ReadLevelsAsync(connection, levelsSql, cancellationToken);
        var ledger = await ReadLevelsAsync(connection, ledgerSql, cancellationToken);
        long activeRows;
        await using (var count = new NpgsqlCommand("select count(*) from reservations where status = 'active'", connection))
            activeRows = (long)(await count.ExecuteScalarAsync(cancellationToken))!;

        var checks = new List<PositionCheck>();
        foreach (var group in catalogue.Positions.GroupBy(p => ScenarioOf(p.Group)))
        {
            int positions = 0, oversoldPositions = 0, onHandMismatches = 0, ledgerMismatches = 0;
            long oversold = 0, lost = 0, unacknowledged = 0, acked = 0, reservedTotal = 0;
            foreach (var position in group)
            {
                positions++;
                var (onHand, reserved) = levels.GetValueOrDefault((position.Warehouse, position.Sku));
                var expected = acknowledged[position.Index];
                acked += expected;
                reservedTotal += (long)reserved;
                if (reserved > onHand)
                {
                    oversoldPositions++;
                    oversold += (long)(reserved - onHand);
                }
                if (onHand != position.Stock) onHandMismatches++;
                if (expected > reserved) lost += expected - (long)reserved;
                if (reserved > expected) unacknowledged += (long)reserved - expected;
                if (ledger.GetValueOrDefault((position.Warehouse, position.Sku)) != (onHand, reserved)) ledgerMismatches++;
            }
            checks.Add(new PositionCheck(system.Name, group.Key, positions, oversoldPositions, oversold, lost, unacknowledged,
                onHandMismatches, ledgerMismatches, acked, reservedTotal));
        }
        return (checks, activeRows);
    }

    /// <summary>"hot-16" → "hot"; the warm-up positions are their own group.</summary>
    public static string ScenarioOf(string group)
    {
        var dash = group.IndexOf('-');
        return dash < 0 ? group : group[..dash];
    }

    private static async Task<Dictionary<(string, string), (decimal OnHand, decimal Reserved)>> ReadLevelsAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(string, string), (decimal, decimal)>();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 120 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            result[(reader.GetString(0), reader.GetString(1))] = (reader.GetDecimal(2), reader.GetDecimal(3));
        return result;
    }
}
