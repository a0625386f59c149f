
namespace Inventory.Grains.Events;

/// <summary>
/// Where live events are published on the in-process <see cref="IStreamBus"/>. Every event goes to
/// <see cref="All"/>, to its warehouse's stream and to its SKU's stream. Each fan-out has its own namespace, so a
/// namespace subscription (e.g. every warehouse) still sees each event exactly once.
/// </summary>
public static class EventStreams
{
    /// <summary>Namespace of the single stream of every event (key <see cref="AllKey"/>).</summary>
    public const string AllNamespace = "events";
    public const string AllKey = "all";
    /// <summary>Namespace of the per-warehouse streams (key: warehouse code).</summary>
    public const string WarehouseNamespace = "events.warehouse";
    /// <summary>Namespace of the per-SKU streams (key: SKU).</summary>
    public const string SkuNamespace = "events.sku";

    public static readonly StreamId All = new(AllNamespace, AllKey);

    public static StreamId Warehouse(string warehouse) => new(WarehouseNamespace, warehouse);

    public static StreamId Sku(string sku) => new(SkuNamespace, sku);

    /// <summary>Publishes one event to its three streams.</summary>
    public static async ValueTask PublishAsync(this IStreamBus bus, IInventoryEvent item)
    {
        await bus.PublishAsync(All, item);
        await bus.PublishAsync(Warehouse(item.Warehouse), item);
        await bus.PublishAsync(Sku(item.Sku), item);
    }
}
