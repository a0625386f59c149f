using Inventory.Grains.Storage;
using Inventory.Storage.Postgres.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Inventory.Storage.Postgres.Hosting;

public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Stores stock positions and reservations in PostgreSQL: registers one pooled <see cref="NpgsqlDataSource"/>
    /// and the grain stores over it, replacing the in-memory defaults. Migrations are applied separately
    /// (<see cref="Migrations.MigrationRunner"/>) before the host starts.
    /// </summary>
    public static IServiceCollection AddInventoryPostgres(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddOptions<PostgresStorageOptions>();
        services.Replace(ServiceDescriptor.Singleton<IStockPositionStore, PostgresStockPositionStore>());
        services.Replace(ServiceDescriptor.Singleton<IReservationStore, PostgresReservationStore>());
        return services;
    }
}
