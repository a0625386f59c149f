using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Storage.Postgres.Events;

public static class LedgerEventsServiceCollectionExtensions
{
    /// <summary>
    /// Runs the <see cref="LedgerEventPump"/> as a hosted service (needs the NpgsqlDataSource of AddInventoryPostgres
    /// and the grain runtime's stream bus). Register it after the grain runtime, so it starts after the runtime and
    /// stops before it.
    /// </summary>
    public static IServiceCollection AddLedgerEventPump(this IServiceCollection services, Action<LedgerEventPumpOptions>? configure = null)
    {
        services.AddOptions<LedgerEventPumpOptions>();
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        if (services.Any(d => d.ServiceType == typeof(LedgerEventPump)))
            return services;
        services.AddSingleton<LedgerEventPump>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerEventPump>());
        return services;
    }
}
