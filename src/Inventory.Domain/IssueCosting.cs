namespace Inventory.Domain;

/// <summary>
/// Decides which layers an outgoing quantity consumes and what it is charged. Kept apart from
/// <see cref="StockPosition"/> so the decision is pure: the resulting draws go into the ledger entry and
/// <see cref="StockPosition.Apply"/> merely replays them, which is why a later change of costing method can
/// never change how the past folds.
/// </summary>
internal static class IssueCosting
{
    public static IssuePlan Plan(IReadOnlyList<CostLayer> layers, CostingMethod method, decimal quantity,
        decimal averageUnitCost, decimal lastUnitCost)
    {
        var draws = new List<LayerDraw>();
        var remaining = quantity;
        var layerCost = 0m;
        // Average still consumes layers oldest-first so that lots and receipt dates stay truthful,
        // but prices every unit at the average; FIFO and LIFO price each unit at its own layer.
        var newestFirst = method == CostingMethod.Lifo;
        for (var i = 0; i < layers.Count && remaining > 0; i++)
        {
            var layer = layers[newestFirst ? layers.Count - 1 - i : i];
            var take = Math.Min(layer.Quantity, remaining);
            var unitCost = method == CostingMethod.Average ? averageUnitCost : layer.UnitCost;
            draws.Add(new LayerDraw(layer.Id, take, unitCost));
            layerCost += take * layer.UnitCost;
            remaining -= take;
        }

        var covered = quantity - remaining;
        // One multiplication for Average (not a sum of per-layer products) so the charge is exactly
        // quantity x average, whatever rounding the 28-digit average carries.
        var costOfGoods = method == CostingMethod.Average ? covered * averageUnitCost : layerCost;
        if (remaining > 0)
        {
            // Only reachable when negative stock is allowed: no layer backs these units, so they are
            // charged at the last purchase cost, the best estimate of what replacing them will cost.
            draws.Add(new LayerDraw(StockPosition.UncoveredLayerId, remaining, lastUnitCost));
            costOfGoods += remaining * lastUnitCost;
        }

        // An array, not the list: entries are immutable history and must not be castable back to something mutable.
        return new IssuePlan([.. draws], costOfGoods);
    }
}
