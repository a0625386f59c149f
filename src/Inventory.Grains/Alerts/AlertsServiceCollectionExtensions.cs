using Inventory.Grains.Events;
using Inventory.Grains.Events.Live;
using Inventory.Grains.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Grains.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the alert grains need: <see cref="AlertInbox"/>, the lot expiry <see cref="AlertSweep"/> and in-memory
    /// defaults for <see cref="IAlertStore"/> and <see cref="ISupplyCatalog"/> (the PostgreSQL registration replaces them).
    /// The ledger stream provider (AddLedgerStreams) feeds the grains.
    /// </summary>
    public static IServiceCollection AddStockAlerts(this IServiceCollection services, Action<AlertOptions>? configure = null)
    {
        services.AddOptions<AlertOptions>();
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton<IAlertStore, InMemoryAlertStore>();
        services.TryAddSingleton<IStreamBus, InProcessStreamBus>();
        services.TryAddSingleton<LiveEvents>();
        services.TryAddSingleton<ISupplyCatalog, NoSupplyCatalog>();
        services.TryAddSingleton<ILotExpiryIndex, SnapshotLotExpiryIndex>();
        services.TryAddSingleton<AlertInbox>();
        services.AddClusterJob<AlertSweep>();
        return services;
    }
}
