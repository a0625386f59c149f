namespace Inventory.Domain;

/// <summary>
/// Decides which layers an outgoing quantity consumes and what it is charged. Kept apart from
/// <see cref="StockPosition"/> so the decision is pure: the resulting draws go into the ledger entry and
/// <see cref="StockPosition.Apply"/> merely replays them, which is why a later change of costing method or removal
/// strategy can never change how the past folds.
/// </summary>
internal static class IssueCosting
{
    /// <param name="ordered">The layers the quantity may come from, in the order it takes them (the removal strategy's).</param>
    public static IssuePlan Plan(IReadOnlyList<CostLayer> ordered, CostingMethod method, decimal quantity,
        decimal averageUnitCost, decimal lastUnitCost)
    {
        var draws = new List<LayerDraw>();
        var remaining = quantity;
        var layerCost = 0m;
        // The removal strategy decides which units leave; the costing method what they are charged: FIFO and LIFO
        // charge each unit its own layer's cost, AVERAGE charges every unit the moving average.
        for (var i = 0; i < ordered.Count && remaining > 0; i++)
        {
            var layer = ordered[i];
            var take = Math.Min(layer.Quantity, remaining);
            var unitCost = method == CostingMethod.Average ? averageUnitCost : layer.UnitCost;
            draws.Add(LayerDraw.From(layer, take, unitCost));
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
