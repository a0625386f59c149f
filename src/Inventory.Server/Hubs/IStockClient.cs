using Inventory.Grains.Events;
using Inventory.Server.Events;

namespace Inventory.Server.Hubs;

/// <summary>What the hub sends to clients (SignalR method names "Stock", "Alert", "Metrics"; JSON camelCase).</summary>
public interface IStockClient
{
    /// <summary>A stock.* or level.changed event of a subscribed warehouse or SKU (costs only for roles that may see them).</summary>
    Task Stock(StockEvent stockEvent);

    /// <summary>alert.raised, alert.acknowledged or alert.resolved, to alert subscribers.</summary>
    Task Alert(AlertEvent alertEvent);

    /// <summary>Movements per minute, to dashboard-metrics subscribers (at most once a second, when they changed).</summary>
    Task Metrics(DashboardMetrics metrics);
}
