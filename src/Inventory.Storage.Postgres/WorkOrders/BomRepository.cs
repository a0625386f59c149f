using System.Text.Json;
using Inventory.Domain.Manufacturing;
using Inventory.Grains.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.WorkOrders;

/// <summary>Bills of materials in bills_of_materials (schema 0031).</summary>
public sealed class BomRepository(NpgsqlDataSource dataSource)
{

    public async Task<BillOfMaterials?> GetAsync(string sku, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT sku, components, updated_by, updated_at FROM bills_of_materials WHERE sku = $1");
        command.Parameters.Add(new() { Value = sku });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<BillOfMaterials>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT sku, components, updated_by, updated_at FROM bills_of_materials ORDER BY sku");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var boms = new List<BillOfMaterials>();
        while (await reader.ReadAsync(cancellationToken))
            boms.Add(Read(reader));
        return boms;
    }

    /// <summary>Creates or replaces; true when it is new.</summary>
    public async Task<bool> UpsertAsync(BillOfMaterials bom, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO bills_of_materials (sku, components, updated_by, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (sku) DO UPDATE SET components = excluded.components, updated_by = excluded.updated_by,
                updated_at = excluded.updated_at, version = bills_of_materials.version + 1
            RETURNING version = 1
            """);
        var p = command.Parameters;
        p.Add(new() { Value = bom.Sku });
        p.Add(new() { Value = JsonSerializer.Serialize(bom.Components, StoredJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(new() { Value = bom.UpdatedBy });
        p.Add(new() { Value = bom.UpdatedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Ids of work orders (grain state), optionally of one status and/or product, in id order after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<string>> ListWorkOrderIdsAsync(string? status, string? sku, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT key FROM grain_state
            WHERE state_name = 'work-order' AND ($1::text IS NULL OR lower(data->>'status') = $1)
              AND ($2::text IS NULL OR data->'request'->>'sku' = $2) AND ($3::text IS NULL OR key > $3)
            ORDER BY key LIMIT $4
            """);
        var p = command.Parameters;
        p.Add(new() { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = (object?)sku ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
            ids.Add(reader.GetString(0));
        return ids;
    }

    private static BillOfMaterials Read(NpgsqlDataReader r) => new(
        r.GetString(0),
        JsonSerializer.Deserialize<BomComponent[]>(r.GetString(1), StoredJson.Options) ?? [],
        r.GetString(2),
        new DateTimeOffset(r.GetDateTime(3), TimeSpan.Zero));
}
