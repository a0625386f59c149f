using Inventory.Grains.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Storage.Postgres.Alerts;

public static class PostgresAlertsServiceCollectionExtensions
{
    /// <summary>Keeps alerts in PostgreSQL and reads supply data from the products table and lot expiries from the snapshots (needs the NpgsqlDataSource of AddInventoryPostgres).</summary>
    public static IServiceCollection AddPostgresAlerts(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IAlertStore, PostgresAlertStore>());
        services.Replace(ServiceDescriptor.Singleton<ISupplyCatalog, PostgresSupplyCatalog>());
        services.Replace(ServiceDescriptor.Singleton<ILotExpiryIndex, PostgresLotExpiryIndex>());
        return services;
    }
}
