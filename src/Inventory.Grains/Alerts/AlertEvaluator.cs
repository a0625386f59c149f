using Inventory.Grains.Events;

namespace Inventory.Grains.Alerts;

/// <summary>
/// The checkpointed consumer (name "alerts") that feeds each level.changed event to its position's alert grain:
/// positions in parallel, each position's events in ledger order. Returns only when every grain has finished, so
/// the pump's checkpoint never passes an unevaluated level change.
/// </summary>
public sealed class AlertEvaluator(GrainRefs grains) : IEventConsumer
{
    public const string ConsumerName = "alerts";

    public string Name => ConsumerName;

    public Task HandleAsync(IReadOnlyList<StockEvent> events, CancellationToken cancellationToken)
    {
        var byPosition = new Dictionary<(string, string), List<(StockEvent, bool)>>();
        var touchesStock = new HashSet<(string, string)>(); // positions whose entries since their last level moved more than reservations
        foreach (var e in events)
        {
            var key = (e.Warehouse, e.Sku);
            if (e.Type != InventoryEventTypes.LevelChanged)
            {
                if (e.Type is not (InventoryEventTypes.StockReserved or InventoryEventTypes.StockReleased
                    or InventoryEventTypes.StockExpired or InventoryEventTypes.StockExtended))
                    touchesStock.Add(key);
                continue;
            }
            if (!byPosition.TryGetValue(key, out var list))
                byPosition[key] = list = [];
            list.Add((e, !touchesStock.Remove(key)));
        }
        return Task.WhenAll(byPosition.Select(p => EvaluateInOrderAsync($"{p.Key.Item1}/{p.Key.Item2}", p.Value)));
    }

    private async Task EvaluateInOrderAsync(string position, List<(StockEvent Level, bool OnlyReservations)> levels)
    {
        var grain = grains.Get<IStockAlertGrain>(position);
        foreach (var (level, onlyReservations) in levels)
            await grain.EvaluateAsync(level, onlyReservations);
    }
}
