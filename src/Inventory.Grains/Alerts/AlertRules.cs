using System.Globalization;
using Inventory.Domain;

namespace Inventory.Grains.Alerts;

/// <summary>
/// The alert rules of one position, pure: given its levels, policy, lots and supply data, which conditions hold.
/// <list type="bullet">
/// <item>out_of_stock (critical): available &lt;= 0.</item>
/// <item>low_stock (warning): a reorder point is set and available &lt;= it.</item>
/// <item>overstock (info): a max stock is set and on hand &gt; it.</item>
/// <item>expiring_lots: lots with stock left expiring within the horizon; critical when one expires within
/// <see cref="AlertOptions.CriticalExpiryDays"/> days or has expired, else warning.</item>
/// </list>
/// The rules are independent: an empty position with a reorder point is both low and out of stock.
/// </summary>
public static class AlertRules
{
    public static IReadOnlyList<AlertCondition> Evaluate(
        decimal onHand,
        decimal reserved,
        StockPolicy policy,
        IReadOnlyList<CostLayer> layers,
        SupplyInfo? supply,
        DateOnly today,
        AlertOptions options)
    {
        // The position's available: quality control, damaged, expired lots and safety stock are not sellable.
        var available = StockPosition.AvailableFrom(onHand, reserved, layers, policy, today);
        var conditions = new List<AlertCondition>(2);
        var low = policy.ReorderPoint is { } point && available <= point;
        var outOfStock = available <= 0;
        var suggestion = low || outOfStock ? Suggest(available, policy, supply, today) : null;
        AlertDetails Details(IReadOnlyList<ExpiringLot>? lots = null) =>
            new(onHand, reserved, available, policy.ReorderPoint, policy.MaxStock, suggestion, lots ?? []);

        if (outOfStock)
        {
            conditions.Add(new AlertCondition(AlertKinds.OutOfStock, AlertSeverities.Critical,
                $"Out of stock: {Format(available)} available ({Format(onHand)} on hand, {Format(reserved)} reserved).", Details()));
        }
        if (low)
        {
            conditions.Add(new AlertCondition(AlertKinds.LowStock, AlertSeverities.Warning,
                $"Low stock: {Format(available)} available, reorder point {Format(policy.ReorderPoint!.Value)}.", Details()));
        }
        if (policy.MaxStock is { } max && onHand > max)
        {
            conditions.Add(new AlertCondition(AlertKinds.Overstock, AlertSeverities.Info,
                $"Overstock: {Format(onHand)} on hand, max stock {Format(max)}.", Details()));
        }

        var expiring = ExpiringLots(layers, today, options);
        if (expiring.Count > 0)
        {
            var soonest = expiring[0];
            var severity = soonest.DaysLeft <= options.CriticalExpiryDays ? AlertSeverities.Critical : AlertSeverities.Warning;
            var quantity = expiring.Sum(l => l.Quantity);
            var when = soonest.DaysLeft < 0 ? $"expired {-soonest.DaysLeft} days ago"
                : soonest.DaysLeft == 0 ? "expires today"
                : $"expires in {soonest.DaysLeft} days";
            conditions.Add(new AlertCondition(AlertKinds.ExpiringLots, severity,
                $"{expiring.Count} lot(s) with {Format(quantity)} units expiring; {soonest.Lot ?? "the first"} {when} ({soonest.ExpiresOn:yyyy-MM-dd}).",
                Details(expiring)));
        }
        return conditions;
    }

    /// <summary>Lots with stock left expiring on or before today + horizon, soonest first (one line per lot and date).</summary>
    public static IReadOnlyList<ExpiringLot> ExpiringLots(IReadOnlyList<CostLayer> layers, DateOnly today, AlertOptions options)
    {
        var horizon = today.AddDays((int)Math.Floor(options.ExpiryHorizon.TotalDays));
        var lots = new Dictionary<(string?, DateOnly), decimal>();
        foreach (var layer in layers)
        {
            if (layer.Quantity > 0 && layer.ExpiresOn is { } expires && expires <= horizon)
                lots[(layer.Lot, expires)] = lots.GetValueOrDefault((layer.Lot, expires)) + layer.Quantity;
        }
        return lots
            .Select(l => new ExpiringLot(l.Key.Item1, l.Value, l.Key.Item2, l.Key.Item2.DayNumber - today.DayNumber))
            .OrderBy(l => l.ExpiresOn).ThenBy(l => l.Lot, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The reorder suggestion for a position at <paramref name="available"/> (see <see cref="ReorderSuggestion"/>).</summary>
    public static ReorderSuggestion Suggest(decimal available, StockPolicy policy, SupplyInfo? supply, DateOnly today)
    {
        decimal? quantity = policy.ReorderQuantity;
        if (quantity is null)
        {
            var target = policy.MaxStock ?? (policy.ReorderPoint ?? 0m) + policy.SafetyStock;
            if (target - available > 0)
                quantity = target - available;
        }
        var lead = supply?.LeadTimeDays;
        return new ReorderSuggestion(quantity, lead, supply?.PreferredSupplier, lead is { } days ? today.AddDays(days) : null);
    }

    private static string Format(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
