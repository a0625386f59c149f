using Inventory.Grains.Events;
using Inventory.Queries.Live;
using Inventory.Server.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Inventory.Server.Events;

/// <summary>
/// Carries live events from the stream bus (fed by the live feed of the ledger streams, so only committed changes) to the hub's
/// groups: stock events to the warehouse and SKU groups of both visibility tiers (costs stripped for the levels
/// tier), alert events to the alerts group; counts movements for the dashboard metrics and pushes those at most
/// once a second while they change.
/// </summary>
public sealed partial class HubEventBridge(
    IStreamBus bus,
    IHubContext<StockHub, IStockClient> hub,
    MovementSeries movements,
    LiveQueries queries,
    TimeProvider time,
    ILogger<HubEventBridge> logger) : BackgroundService
{
    public static readonly TimeSpan MetricsInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = bus.Subscribe<IInventoryEvent>(EventStreams.All, (_, item) => ForwardAsync(item));
        try
        {
            var since = time.GetUtcNow();
            movements.Seed(await queries.MovementsPerMinuteAsync(since.AddMinutes(-MovementSeries.Minutes), stoppingToken), since);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogSeedFailed(logger, e);
        }

        using var timer = new PeriodicTimer(MetricsInterval, time);
        var sent = -1L;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var version = movements.Version;
                if (version == sent)
                    continue;
                sent = version;
                await hub.Clients.Group(HubGroups.Metrics).Metrics(movements.Snapshot());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ForwardAsync(IInventoryEvent item)
    {
        switch (item)
        {
            case StockEvent stock:
                movements.Record(stock);
                await hub.Clients.Groups(HubGroups.Warehouse(stock.Warehouse, HubGroups.Full), HubGroups.Sku(stock.Sku, HubGroups.Full)).Stock(stock);
                await hub.Clients.Groups(HubGroups.Warehouse(stock.Warehouse, HubGroups.Levels), HubGroups.Sku(stock.Sku, HubGroups.Levels))
                    .Stock(stock.WithoutCosts());
                break;
            case AlertEvent alert:
                await hub.Clients.Group(HubGroups.Alerts).Alert(alert);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not seed the movement chart from the ledger; it starts empty")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
