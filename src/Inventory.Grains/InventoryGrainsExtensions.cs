using Inventory.Grains.Events;
using Inventory.Grains.Events.Live;
using Inventory.Grains.Jobs;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Positions;
using Inventory.Grains.Reservations;
using Inventory.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Grains;

public static class InventoryGrainsExtensions
{
    /// <summary>
    /// Registers what the position and reservation grains need (Orleans finds the grain classes itself). Stores default to in memory (tests, demo); the PostgreSQL registration
    /// replaces them. Call <see cref="AddExpirySweep"/> in a host that should expire after downtime.
    /// </summary>
    public static IServiceCollection AddInventoryGrains(this IServiceCollection services, Action<ReservationOptions>? reservations = null)
    {
        services.AddOptions<ReservationOptions>();
        services.AddOptions<StockPositionOptions>();
        if (reservations is not null) services.Configure(reservations);
        services.TryAddSingleton<IStockPositionStore, InMemoryStockPositionStore>();
        services.TryAddSingleton<IReservationStore, InMemoryReservationStore>();
        services.TryAddSingleton<IPositionDefaults, FixedPositionDefaults>();
        services.TryAddSingleton<IStreamBus, InProcessStreamBus>();
        services.TryAddSingleton<LiveEvents>();
        if (!services.Any(d => d.ServiceType == typeof(LiveNode)))
        {
            services.AddSingleton<LiveNode>();
            services.AddHostedService(sp => sp.GetRequiredService<LiveNode>());
        }
        services.TryAddSingleton<ActivePositions>();
        services.TryAddSingleton<GrainRefs>();
        services.TryAddSingleton<ReservationFactory>();
        services.AddMetrics();
        services.TryAddSingleton<CommitMetrics>();
        return services;
    }

    public static IServiceCollection AddExpirySweep(this IServiceCollection services, Action<ExpirySweepOptions>? configure = null)
    {
        services.AddOptions<ExpirySweepOptions>();
        if (configure is not null) services.Configure(configure);
        services.AddClusterJob<ExpirySweeper>();
        return services;
    }
}
