using Inventory.Grains.Alerts;
using Npgsql;

namespace Inventory.Storage.Postgres.Alerts;

/// <summary>
/// Lead time (products.lead_time_days) and preferred supplier (product metadata "preferredSupplier", else
/// "preferred_supplier", else "supplier") from the products table; null for an unknown SKU.
/// </summary>
public sealed class PostgresSupplyCatalog(NpgsqlDataSource dataSource) : ISupplyCatalog
{
    public async ValueTask<SupplyInfo?> GetAsync(string sku, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT lead_time_days, coalesce(data -> 'metadata' ->> 'preferredSupplier', data -> 'metadata' ->> 'preferred_supplier',
                data -> 'metadata' ->> 'supplier')
            FROM products WHERE sku = $1
            """);
        command.Parameters.Add(new() { Value = sku });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new SupplyInfo(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }
}
