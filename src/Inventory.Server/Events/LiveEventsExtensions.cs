using Inventory.Events;
using Inventory.Grains.Alerts;
using Inventory.Queries.Live;
using Inventory.Server.Apis;
using Inventory.Server.Hubs;
using Inventory.Storage.Postgres.Alerts;

namespace Inventory.Server.Events;

/// <summary>
/// Live events: alert grains, the SignalR hub, the alerts API and the dashboard (the ledger stream provider that feeds
/// them is added to the silo, see AddLedgerStreams). Hooked into the service with one line each in AddInventory
/// (<see cref="AddLiveEvents"/>) and MapInventoryApis (<see cref="MapLiveEvents"/>).
/// </summary>
public static class LiveEventsExtensions
{
    /// <summary>Configuration section of <see cref="AlertOptions"/> (ThrottleWindow, ExpiryHorizon, CriticalExpiryDays).</summary>
    public const string AlertsSection = "Inventory:Alerts";

    /// <summary>Configuration section of <see cref="LedgerStreamOptions"/> (Queues, PollInterval, GapTimeout, BatchSize, ...).</summary>
    public const string EventsSection = "Inventory:Events";

    /// <summary>Call after the silo and the PostgreSQL stores are registered.</summary>
    public static WebApplicationBuilder AddLiveEvents(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddStockAlerts();
        services.AddOptions<AlertOptions>().BindConfiguration(AlertsSection);
        services.AddPostgresAlerts();
        services.AddOptions<LedgerStreamOptions>().BindConfiguration(EventsSection);

        services.AddSingleton<LiveQueries>();
        services.AddSingleton<MovementSeries>();
        services.AddHostedService<HubEventBridge>();
        services.AddSignalR();
        return builder;
    }

    public static WebApplication MapLiveEvents(this WebApplication app)
    {
        app.MapHub<StockHub>(StockHub.Path);
        app.MapAlertsApi();
        app.MapDashboardApi();
        return app;
    }
}
