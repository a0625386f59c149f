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
    /// (<see cref="Migrations.MigrationRunner"/>) before the host starts. Statements run often are prepared on each
    /// connection (<see cref="DefaultMaxAutoPrepare"/> unless the connection string sets Max Auto Prepare), so the
    /// group-commit statement is planned once per connection instead of once per commit.
    /// </summary>
    public static IServiceCollection AddInventoryPostgres(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => CreateDataSource(connectionString));
        services.AddOptions<PostgresStorageOptions>();
        services.Replace(ServiceDescriptor.Singleton<IStockPositionStore, PostgresStockPositionStore>());
        services.Replace(ServiceDescriptor.Singleton<IReservationStore, PostgresReservationStore>());
        return services;
    }

    public const int DefaultMaxAutoPrepare = 64;

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        return builder.Build();
    }
}
