using System.Text.Json;
using Inventory.Domain;
using Inventory.Domain.Catalog;
using Inventory.Grains.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Catalog;

/// <summary>
/// Products and warehouses in the products and warehouses tables. A product's unit conversions and metadata live
/// in its <c>data</c> jsonb column; enums are stored as the schema's check constraints spell them.
/// </summary>
/// <remarks>
/// Every change is announced on the PostgreSQL channel <see cref="ChangesChannel"/> when it commits (payload
/// <c>product:SKU</c> or <c>warehouses</c>), so the other nodes of a cluster can refresh their cached catalog
/// (<see cref="ListenAsync"/>).
/// </remarks>
public sealed class CatalogRepository(NpgsqlDataSource dataSource)
{
    public const string ChangesChannel = "inventory_catalog";
    public const string WarehousesChanged = "warehouses";
    public const string ProductChangedPrefix = "product:";


    /// <param name="only">Only this SKU (none when it does not exist), or every product.</param>
    public async Task<IReadOnlyList<Product>> LoadProductsAsync(CancellationToken cancellationToken = default, string? only = null)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT sku, name, type, base_unit, costing_method, lead_time_days, data FROM products WHERE $1::text IS NULL OR sku = $1 ORDER BY sku");
        command.Parameters.Add(new() { Value = (object?)only ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var products = new List<Product>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var sku = reader.GetString(0);
            var data = JsonSerializer.Deserialize<ProductData>(reader.GetString(6), StoredJson.Options) ?? new ProductData();
            var product = Product.Define(sku, reader.GetString(1), ParseEnum<ProductType>(reader.GetString(2)), reader.GetString(3),
                data.WholeBaseUnit, data.Conversions, ParseEnum<CostingMethod>(reader.GetString(4)), reader.GetInt32(5), data.Metadata,
                data.RemovalStrategy is { } strategy ? ParseEnum<RemovalStrategy>(strategy) : null);
            products.Add(product.IsSuccess
                ? product.Value
                : throw new InvalidOperationException($"Stored product '{sku}' is invalid: {product.Failure!.Message}"));
        }

        return products;
    }

    public async Task UpsertProductAsync(Product product, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH saved AS (
                INSERT INTO products (sku, name, type, base_unit, costing_method, lead_time_days, data)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (sku) DO UPDATE SET name = excluded.name, type = excluded.type, base_unit = excluded.base_unit,
                    costing_method = excluded.costing_method, lead_time_days = excluded.lead_time_days, data = excluded.data,
                    updated_at = now()
                RETURNING sku)
            SELECT pg_notify('{ChangesChannel}', '{ProductChangedPrefix}' || sku) FROM saved
            """);
        var data = new ProductData
        {
            WholeBaseUnit = product.WholeBaseUnit,
            Conversions = [.. product.Conversions],
            Metadata = new(product.Metadata),
            RemovalStrategy = product.RemovalStrategy?.ToString().ToUpperInvariant(),
        };
        var p = command.Parameters;
        p.Add(new() { Value = product.Sku });
        p.Add(new() { Value = product.Name });
        p.Add(new() { Value = product.Type.ToString().ToUpperInvariant() });
        p.Add(new() { Value = product.BaseUnit });
        p.Add(new() { Value = product.CostingMethod.ToString().ToUpperInvariant() });
        p.Add(new() { Value = product.LeadTimeDays });
        p.Add(new() { Value = JsonSerializer.Serialize(data, StoredJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Warehouse>> LoadWarehousesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT code, name, type, can_ship, can_receive, is_default FROM warehouses ORDER BY code");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var warehouses = new List<Warehouse>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var code = reader.GetString(0);
            var warehouse = Warehouse.Define(code, reader.GetString(1), ParseEnum<WarehouseType>(reader.GetString(2)),
                reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5));
            warehouses.Add(warehouse.IsSuccess
                ? warehouse.Value
                : throw new InvalidOperationException($"Stored warehouse '{code}' is invalid: {warehouse.Failure!.Message}"));
        }

        return warehouses;
    }

    /// <summary>Creates or replaces the warehouse; a new default unmarks the previous default in the same transaction.</summary>
    public async Task UpsertWarehouseAsync(Warehouse warehouse, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (warehouse.IsDefault)
        {
            await using var clear = new NpgsqlCommand(
                "UPDATE warehouses SET is_default = false, updated_at = now() WHERE is_default AND code <> $1", connection, transaction);
            clear.Parameters.Add(new() { Value = warehouse.Code });
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var upsert = new NpgsqlCommand("""
            INSERT INTO warehouses (code, name, type, can_ship, can_receive, is_default)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type, can_ship = excluded.can_ship,
                can_receive = excluded.can_receive, is_default = excluded.is_default, updated_at = now()
            """, connection, transaction);
        var p = upsert.Parameters;
        p.Add(new() { Value = warehouse.Code });
        p.Add(new() { Value = warehouse.Name });
        p.Add(new() { Value = warehouse.Type.ToString().ToLowerInvariant() });
        p.Add(new() { Value = warehouse.CanShip });
        p.Add(new() { Value = warehouse.CanReceive });
        p.Add(new() { Value = warehouse.IsDefault });
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        await using var notify = new NpgsqlCommand($"SELECT pg_notify('{ChangesChannel}', '{WarehousesChanged}')", connection, transaction);
        await notify.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Listens for committed catalog changes until cancelled or the connection fails (then it throws: the caller
    /// reconnects, and reloads everything, since changes made meanwhile were not heard). <paramref name="listening"/>
    /// runs once the subscription is in place, so a full load there misses nothing.
    /// </summary>
    public async Task ListenAsync(Func<CancellationToken, Task> listening, Func<string, Task> changed, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var heard = System.Threading.Channels.Channel.CreateUnbounded<string>();
        connection.Notification += (_, e) => heard.Writer.TryWrite(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {ChangesChannel}", connection))
            await listen.ExecuteNonQueryAsync(cancellationToken);
        await listening(cancellationToken);
        while (true)
        {
            await connection.WaitAsync(cancellationToken);
            while (heard.Reader.TryRead(out var payload))
                await changed(payload);
        }
    }

    private static T ParseEnum<T>(string value) where T : struct, Enum => Enum.Parse<T>(value, ignoreCase: true);

    private sealed class ProductData
    {
        public bool WholeBaseUnit { get; set; }
        public List<UnitConversion> Conversions { get; set; } = [];
        public Dictionary<string, string> Metadata { get; set; } = [];
        /// <summary>FIFO, LIFO or FEFO; absent follows the costing method.</summary>
        public string? RemovalStrategy { get; set; }
    }
}
