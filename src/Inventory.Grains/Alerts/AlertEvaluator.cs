using Inventory.Grains.Events;
using Inventory.Runtime;

namespace Inventory.Grains.Alerts;

/// <summary>
/// The checkpointed consumer (name "alerts") that feeds each level.changed event to its position's alert grain:
/// positions in parallel, each position's events in ledger order. Returns only when every grain has finished, so
/// the pump's checkpoint never passes an unevaluated level change.
/// </summary>
public sealed class AlertEvaluator(IGrainFactory grains) : IEventConsumer
{
    public const string ConsumerName = "alerts";

    public string Name => ConsumerName;

    public Task HandleAsync(IReadOnlyList<StockEvent> events, CancellationToken cancellationToken)
    {
        var byPosition = new Dictionary<(string, string), List<StockEvent>>();
        foreach (var e in events)
        {
            if (e.Type != InventoryEventTypes.LevelChanged)
                continue;
            if (!byPosition.TryGetValue((e.Warehouse, e.Sku), out var list))
                byPosition[(e.Warehouse, e.Sku)] = list = [];
            list.Add(e);
        }
        return Task.WhenAll(byPosition.Select(p => EvaluateInOrderAsync($"{p.Key.Item1}/{p.Key.Item2}", p.Value)));
    }

    private async Task EvaluateInOrderAsync(string position, List<StockEvent> levels)
    {
        var grain = grains.GetGrain<IStockAlertGrain>(position);
        foreach (var level in levels)
            await grain.EvaluateAsync(level);
    }
}
