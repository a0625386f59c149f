using Inventory.Grains.Serials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Storage.Postgres.Serials;

public static class PostgresSerialsServiceCollectionExtensions
{
    /// <summary>Serial items and their history in PostgreSQL (needs the data source of AddInventoryPostgres).</summary>
    public static IServiceCollection AddSerialsPostgres(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ISerialItemStore, PostgresSerialItemStore>());
        return services;
    }
}
