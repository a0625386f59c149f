using Inventory.Grains.Jobs;
using Inventory.Grains.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Grains.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the alert grains need: their checkpointed consumer ("alerts"), <see cref="AlertInbox"/>, the lot expiry
    /// <see cref="AlertSweep"/> and in-memory
    /// defaults for <see cref="IAlertStore"/> and <see cref="ISupplyCatalog"/> (the PostgreSQL registration replaces them).
    /// Needs the ledger event pump to feed it.
    /// </summary>
    public static IServiceCollection AddStockAlerts(this IServiceCollection services, Action<AlertOptions>? configure = null)
    {
        services.AddOptions<AlertOptions>();
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton<IAlertStore, InMemoryAlertStore>();
        services.TryAddSingleton<IStreamBus, InProcessStreamBus>();
        services.TryAddSingleton<ISupplyCatalog, NoSupplyCatalog>();
        services.TryAddSingleton<ILotExpiryIndex, SnapshotLotExpiryIndex>();
        services.TryAddSingleton<AlertInbox>();
        services.AddClusterJob<AlertSweep>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEventConsumer, AlertEvaluator>());
        return services;
    }
}
