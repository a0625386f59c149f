namespace Inventory.Domain;

// Which layers a movement takes and what is sellable on a given day. Lot expiry is a matter of the calendar, not of
// the ledger: a lot expires by the passing of its date, so these take "today" (the UTC date of the command's clock).
public sealed partial class StockPosition
{
    /// <summary>The day a command runs on: the UTC date of its clock.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    /// <summary>Available-status stock in lots whose expiry date is before <paramref name="today"/> (not yet written off).</summary>
    public decimal ExpiredOn(DateOnly today)
    {
        var expired = 0m;
        foreach (var layer in _layers)
        {
            if (layer.Status == StockStatus.Available && layer.IsExpiredOn(today))
                expired += layer.Quantity;
        }

        return expired;
    }

    /// <summary>
    /// What can still be promised on <paramref name="today"/>: on hand - reserved - quality control - damaged - expired
    /// lots - safety stock; never below zero unless the policy allows negative stock.
    /// </summary>
    public decimal AvailableOn(DateOnly today) => AvailableFrom(OnHand, Reserved, _layers, Policy, today);

    /// <summary>
    /// <see cref="AvailableOn"/> worked out from what a snapshot or read model holds: levels, layers and policy. Layers
    /// in quality control or damaged, and available layers of lots expired before <paramref name="today"/>, are not sellable.
    /// </summary>
    public static decimal AvailableFrom(decimal onHand, decimal reserved, IEnumerable<CostLayer> layers, StockPolicy policy, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(policy);
        var notSellable = 0m;
        foreach (var layer in layers)
        {
            if (layer.Status != StockStatus.Available || layer.IsExpiredOn(today))
                notSellable += layer.Quantity;
        }

        var available = onHand - reserved - notSellable - policy.SafetyStock;
        return policy.AllowNegative ? available : Math.Max(0m, available);
    }

    /// <summary>
    /// The first day on which <see cref="AvailableFrom"/> of these layers changes by the calendar alone: the day after
    /// the earliest expiry date of an available layer that has not expired on <paramref name="today"/>; null when no
    /// such layer has an expiry date. Until then, available as of <paramref name="today"/> holds unless stock moves.
    /// </summary>
    public static DateOnly? AvailableChangesOn(IEnumerable<CostLayer> layers, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(layers);
        DateOnly? first = null;
        foreach (var layer in layers)
        {
            if (layer.Status == StockStatus.Available && layer.Quantity != 0 && layer.ExpiresOn is { } expiresOn && !layer.IsExpiredOn(today)
                && (first is null || expiresOn.AddDays(1) < first))
                first = expiresOn.AddDays(1);
        }
        return first;
    }

    /// <summary>On hand per lot (and expiry date), by status, in receipt order of each lot's first layer.</summary>
    public IReadOnlyList<LotBalance> Lots(DateOnly today)
    {
        var lots = new List<LotBalance>();
        var index = new Dictionary<(string?, DateOnly?), int>();
        foreach (var layer in _layers)
        {
            var key = (layer.Lot, layer.ExpiresOn);
            if (!index.TryGetValue(key, out var i))
            {
                index[key] = i = lots.Count;
                lots.Add(new LotBalance(layer.Lot, layer.ExpiresOn, layer.ManufacturedOn, layer.Supplier, 0, 0, 0, 0, layer.IsExpiredOn(today)));
            }

            var lot = lots[i];
            var value = layer.Quantity * (CostingMethod == CostingMethod.Average ? AverageUnitCost : layer.UnitCost);
            lots[i] = layer.Status switch
            {
                StockStatus.QualityControl => lot with { QualityControl = lot.QualityControl + layer.Quantity, Value = lot.Value + value },
                StockStatus.Damaged => lot with { Damaged = lot.Damaged + layer.Quantity, Value = lot.Value + value },
                _ => lot with { Available = lot.Available + layer.Quantity, Value = lot.Value + value },
            };
        }

        return lots;
    }

    // What a reservation expiring at expiresAt may still count on: lots that expire before the reservation's last day
    // could not be picked when it is committed then, so they are left out.
    private decimal UnpromisedUntil(DateTimeOffset expiresAt) =>
        Sellable - Reserved - Policy.SafetyStock - ExpiredOn(Today(expiresAt));

    /// <summary>Available layers a pick (commit, shipment) may take, in the order of the removal strategy; never expired ones.</summary>
    private List<CostLayer> PickOrder(DateOnly today)
    {
        var pickable = _layers.Where(l => l.Status == StockStatus.Available && !l.IsExpiredOn(today));
        return EffectiveRemovalStrategy switch
        {
            Domain.RemovalStrategy.Lifo => pickable.Reverse().ToList(),
            // OrderBy is stable: among equal dates (and among lots without one, which go last) the oldest receipt first.
            Domain.RemovalStrategy.Fefo => pickable.OrderBy(l => l.ExpiresOn ?? DateOnly.MaxValue).ToList(),
            _ => pickable.ToList(),
        };
    }

    /// <summary>
    /// The order in which stock of <paramref name="status"/> (optionally one lot) leaves when it is lost, written off or
    /// moved to another status. For available stock: expired lots first (soonest expired first: the stock nobody may
    /// sell anyway, which also keeps reservations covered), then the pick order. Other statuses: receipt order.
    /// </summary>
    private List<CostLayer> RemovalOrder(StockStatus status, string? lot, DateOnly today)
    {
        IEnumerable<CostLayer> order = status == StockStatus.Available
            ? _layers.Where(l => l.Status == StockStatus.Available && l.IsExpiredOn(today)).OrderBy(l => l.ExpiresOn).Concat(PickOrder(today))
            : _layers.Where(l => l.Status == status);
        return lot is null ? order.ToList() : order.Where(l => l.Lot == lot).ToList();
    }

    /// <summary>
    /// The draws of a pick (commit, shipment) of <paramref name="quantity"/>, or null when unexpired available stock does
    /// not cover it. Beyond the layers, only a position that allows negative stock and holds no expired lot issues
    /// uncovered units: it must never skip an expired lot only to go negative behind it.
    /// </summary>
    private IssuePlan? Pick(decimal quantity, DateOnly today)
    {
        var order = PickOrder(today);
        if (Total(order) < quantity && (!Policy.AllowNegative || ExpiredOn(today) > 0))
            return null;
        return IssueCosting.Plan(order, CostingMethod, quantity, AverageUnitCost, LastUnitCost);
    }

    private Failure PickFailure(decimal quantity, DateOnly today)
    {
        var pickable = Total(PickOrder(today));
        var expired = ExpiredOn(today);
        return expired > 0 ? StockFailures.LotExpired(Key, pickable, quantity, expired) : Failure.InsufficientStock(Key, pickable, quantity);
    }

    private static decimal Total(IEnumerable<CostLayer> layers)
    {
        var total = 0m;
        foreach (var layer in layers)
            total += layer.Quantity;
        return total;
    }

    /// <summary>The quantity in one status: sellable (possibly negative) for available, else the status's total.</summary>
    private decimal InStatus(StockStatus status) => status switch
    {
        StockStatus.QualityControl => QualityControl,
        StockStatus.Damaged => Damaged,
        _ => Sellable,
    };
}
