using Inventory.Domain.Catalog;
using Inventory.Server.Events;
using Inventory.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Inventory.Server.Hubs;

/// <summary>
/// /hubs/stock: live events. A client subscribes to what it wants to watch — a warehouse, a SKU, alerts, dashboard
/// metrics — and receives only that (a client subscribed to a warehouse and one of its SKUs gets an event once per
/// matching subscription; (type, ledgerSeq) identifies it). Every role that may read stock may connect; costs go
/// only to roles that may see valuations (<see cref="HubGroups"/>).
/// </summary>
[Authorize(Policy = Policies.Read)]
public sealed class StockHub(MovementSeries movements) : Hub<IStockClient>
{
    public const string Path = "/hubs/stock";

    public Task<string> SubscribeWarehouse(string warehouse) => Join(HubGroups.Warehouse(Code(warehouse, "warehouse"), Tier), "warehouse:" + warehouse);

    public Task<string> UnsubscribeWarehouse(string warehouse) => Leave(HubGroups.Warehouse(Code(warehouse, "warehouse"), Tier), "warehouse:" + warehouse);

    public Task<string> SubscribeSku(string sku) => Join(HubGroups.Sku(Code(sku, "sku"), Tier), "sku:" + sku);

    public Task<string> UnsubscribeSku(string sku) => Leave(HubGroups.Sku(Code(sku, "sku"), Tier), "sku:" + sku);

    public Task<string> SubscribeAlerts() => Join(HubGroups.Alerts, HubGroups.Alerts);

    public Task<string> UnsubscribeAlerts() => Leave(HubGroups.Alerts, HubGroups.Alerts);

    /// <summary>Subscribes to dashboard metrics and returns the current figures at once.</summary>
    public async Task<DashboardMetrics> SubscribeMetrics()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Metrics);
        return movements.Snapshot();
    }

    public Task<string> UnsubscribeMetrics() => Leave(HubGroups.Metrics, HubGroups.Metrics);

    private string Tier => HubGroups.TierOf(Context.User);

    private async Task<string> Join(string group, string subscription)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        return subscription;
    }

    private async Task<string> Leave(string group, string subscription)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
        return subscription;
    }

    private static string Code(string? value, string what) =>
        CatalogRules.IsCode(value) ? value! : throw new HubException($"'{value}' is not a {what} code: {CatalogRules.CodeRule}");
}
