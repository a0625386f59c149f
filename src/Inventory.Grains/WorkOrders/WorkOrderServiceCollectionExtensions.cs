using Inventory.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Grains.WorkOrders;

public static class WorkOrderServiceCollectionExtensions
{
    /// <summary>Registers the work order grain's options; its store defaults to memory (the PostgreSQL registration replaces it).</summary>
    public static IServiceCollection AddWorkOrders(this IServiceCollection services, Action<WorkOrderOptions>? configure = null)
    {
        services.AddOptions<WorkOrderOptions>();
        services.TryAddSingleton<IWorkOrderStore, InMemoryWorkOrderStore>();
        if (configure is not null) services.Configure(configure);
        return services;
    }
}
