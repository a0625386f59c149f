using Inventory.Grains.Events;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Positions;
using Inventory.Grains.Reservations;
using Inventory.Grains.Storage;
using Inventory.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Grains;

public static class InventoryGrainsExtensions
{
    /// <summary>
    /// Registers the inventory grains. Stores default to in memory (tests, demo); the PostgreSQL registration
    /// replaces them. Call <see cref="AddExpirySweep"/> in a host that should expire after downtime.
    /// </summary>
    public static GrainRuntimeBuilder AddInventoryGrains(this GrainRuntimeBuilder builder, Action<ReservationOptions>? reservations = null)
    {
        builder.AddGrain<IStockPositionGrain, StockPositionGrain>();
        builder.AddGrain<IReservationGrain, ReservationGrain>();
        var services = builder.Services;
        services.AddOptions<ReservationOptions>();
        services.AddOptions<StockPositionOptions>();
        if (reservations is not null) services.Configure(reservations);
        services.TryAddSingleton<IStockPositionStore, InMemoryStockPositionStore>();
        services.TryAddSingleton<IReservationStore, InMemoryReservationStore>();
        services.TryAddSingleton<IPositionDefaults, FixedPositionDefaults>();
        services.TryAddSingleton<IStreamBus, InProcessStreamBus>();
        return builder;
    }

    public static GrainRuntimeBuilder AddExpirySweep(this GrainRuntimeBuilder builder, Action<ExpirySweepOptions>? configure = null)
    {
        builder.Services.AddOptions<ExpirySweepOptions>();
        if (configure is not null) builder.Services.Configure(configure);
        builder.Services.AddSingleton<ExpirySweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExpirySweeper>());
        return builder;
    }
}
