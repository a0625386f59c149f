using Inventory.Grains.Serials;
using Inventory.Grains.Storage;
using Inventory.Grains.WorkOrders;
using Inventory.Queries;
using Inventory.Queries.Serials;
using Inventory.Storage.Postgres.Serials;
using Inventory.Storage.Postgres.WorkOrders;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Server.Hosting;

public static class SerialsAndWorkOrdersExtensions
{
    /// <summary>Serial items, bills of materials, work orders and the movement/analytics reports, stored in PostgreSQL.</summary>
    public static IServiceCollection AddSerialsAndWorkOrders(this IServiceCollection services)
    {
        services.AddSerialItems();
        services.AddWorkOrders();
        services.TryAddSingleton<BomRepository>();
        services.AddSerialsPostgres();
        services.Replace(ServiceDescriptor.Singleton<IWorkOrderStore, PostgresWorkOrderStore>());
        services.TryAddSingleton<ReportQueries>();
        services.TryAddSingleton<SerialQueries>();
        return services;
    }
}
