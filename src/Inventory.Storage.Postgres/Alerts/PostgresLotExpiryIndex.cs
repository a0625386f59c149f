using Inventory.Domain;
using Inventory.Grains.Alerts;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Alerts;

/// <summary>
/// Positions whose snapshot holds a cost layer with stock left and an expiry on or before a date, in one query
/// (ISO dates compare correctly as strings).
/// </summary>
public sealed class PostgresLotExpiryIndex(NpgsqlDataSource dataSource) : ILotExpiryIndex
{
    public async Task<IReadOnlyList<PositionKey>> ListPositionsWithLotsExpiringByAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT warehouse, sku FROM stock_positions
            WHERE jsonb_path_exists(snapshot, '$.layers[*] ? (@.quantity > 0 && @.expiresOn != null && @.expiresOn <= $d)',
                jsonb_build_object('d', $1::text))
            ORDER BY warehouse, sku
            """);
        command.Parameters.Add(new() { Value = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<PositionKey>();
        while (await reader.ReadAsync(cancellationToken))
            keys.Add(new PositionKey(reader.GetString(0), reader.GetString(1)));
        return keys;
    }
}
