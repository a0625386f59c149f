using System.Globalization;

namespace Inventory.Domain;

// Valuation, folding, snapshots and comparison: everything the store and the reconcile command need.
public sealed partial class StockPosition
{
    public Valuation Value()
    {
        // Negative stock (allowed by policy) has no layers behind it: it is a debt of units valued at
        // what replacing them is expected to cost, the last purchase cost.
        if (OnHand <= 0)
            return new Valuation(Key, CostingMethod, OnHand, OnHand * LastUnitCost, OnHand == 0 ? 0m : LastUnitCost);
        if (CostingMethod == CostingMethod.Average)
            return new Valuation(Key, CostingMethod, OnHand, OnHand * AverageUnitCost, AverageUnitCost);

        // Every layer in every status is on hand and valued at its cost; a backorder of sellable stock (possible
        // beside quality control or damaged layers) is a debt at the last purchase cost, as above.
        var value = Math.Min(0m, Sellable) * LastUnitCost;
        foreach (var layer in _layers)
            value += layer.Quantity * layer.UnitCost;
        return new Valuation(Key, CostingMethod, OnHand, value, value / OnHand);
    }

    public static StockPosition Fold(PositionKey key, IEnumerable<LedgerEntry> entries,
        CostingMethod costingMethod = CostingMethod.Fifo, StockPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var position = new StockPosition(key, costingMethod, policy);
        foreach (var entry in entries)
            position.Apply(entry);
        return position;
    }

    public StockPositionSnapshot ToSnapshot() => ToSnapshot(withReservations: true);

    /// <summary>
    /// Without reservations (and the remembered terminal reservations and requests) a snapshot holds levels, layers
    /// and configuration only: cheap to write on every commit however many reservations a hot position holds. It
    /// is for readers (queries, reports), not for recovery, which needs the full snapshot.
    /// </summary>
    public StockPositionSnapshot ToSnapshot(bool withReservations) => new(
        Key.Warehouse,
        Key.Sku,
        Sequence,
        CostingMethod,
        Policy,
        OnHand,
        Reserved,
        AverageUnitCost,
        LastUnitCost,
        _nextLayerId,
        [.. _layers],
        // Sorted so two equal positions give byte-identical snapshots, whatever order the dictionary holds.
        withReservations ? [.. _reservations.Values.OrderBy(r => r.Id, StringComparer.Ordinal)] : [],
        withReservations ? [.. _terminalOrder] : [],
        withReservations ? [.. _requestOrder.Select(id => _requests[id])] : [],
        RemovalStrategy,
        [.. _incoming.Values]);

    /// <summary>Rebuilds a position from its snapshot. Throws if the snapshot contradicts itself (a bug or corruption).</summary>
    public static StockPosition FromSnapshot(StockPositionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var key = new PositionKey(snapshot.Warehouse, snapshot.Sku);
        var position = new StockPosition(key, snapshot.CostingMethod, snapshot.Policy ?? StockPolicy.Default)
        {
            RemovalStrategy = snapshot.RemovalStrategy,
            Sequence = snapshot.Sequence,
            OnHand = snapshot.OnHand,
            Reserved = snapshot.Reserved,
            AverageUnitCost = snapshot.AverageUnitCost,
            LastUnitCost = snapshot.LastUnitCost,
            _nextLayerId = snapshot.NextLayerId,
        };

        foreach (var layer in snapshot.Layers ?? [])
        {
            if (layer.Quantity <= 0 || layer.Id <= UncoveredLayerId || layer.Id >= snapshot.NextLayerId)
                throw BadSnapshot(key, $"layer {layer.Id} ({layer.Quantity}) does not fit");
            position._layers.Add(layer);
            position.AddToStatus(layer.Status, layer.Quantity);
        }

        var sellableLayers = position._layers.Where(l => l.Status == StockStatus.Available).Sum(l => l.Quantity);
        if (sellableLayers != Math.Max(0m, position.Sellable))
            throw BadSnapshot(key, $"available layers hold {sellableLayers}, sellable stock is {position.Sellable}");

        foreach (var order in snapshot.IncomingOrders ?? [])
        {
            if (order.Quantity <= 0 || !position._incoming.TryAdd(order.PurchaseOrder, order))
                throw BadSnapshot(key, $"purchase order '{order.PurchaseOrder}' ({order.Quantity}) does not fit");
            position.Incoming += order.Quantity;
        }

        foreach (var reservation in snapshot.Reservations ?? [])
        {
            if (!position._reservations.TryAdd(reservation.Id, reservation))
                throw BadSnapshot(key, $"reservation '{reservation.Id}' appears twice");
        }

        foreach (var id in snapshot.TerminalReservationOrder ?? [])
        {
            if (!position._reservations.TryGetValue(id, out var reservation) || reservation.Status == ReservationStatus.Active)
                throw BadSnapshot(key, $"terminal reservation '{id}' is missing or active");
            position._terminalOrder.Enqueue(id);
        }

        var terminal = position._reservations.Values.Count(r => r.Status != ReservationStatus.Active);
        if (terminal != position._terminalOrder.Count || terminal > RememberedCount)
            throw BadSnapshot(key, "terminal reservations and their order disagree");

        foreach (var entry in snapshot.RecentRequests ?? [])
        {
            if (entry.RequestId is null || !position._requests.TryAdd(entry.RequestId, entry))
                throw BadSnapshot(key, $"remembered request entry {entry.Sequence} has no or a duplicate request id");
            position._requestOrder.Enqueue(entry.RequestId);
        }

        if (position._requestOrder.Count > RememberedCount)
            throw BadSnapshot(key, "too many remembered requests");
        return position;
    }

    /// <summary>Compares stock (not configuration) with another copy; lists every difference. Empty when equal.</summary>
    /// <remarks>Lines read "what: this vs other", e.g. "onHand: 10 vs 9".</remarks>
    public IReadOnlyList<string> DifferencesFrom(StockPosition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();

        void Compare<T>(string what, T mine, T theirs)
        {
            if (!EqualityComparer<T>.Default.Equals(mine, theirs))
                differences.Add($"{what}: {Show(mine)} vs {Show(theirs)}");
        }

        Compare("key", Key, other.Key);
        Compare("sequence", Sequence, other.Sequence);
        Compare("onHand", OnHand, other.OnHand);
        Compare("reserved", Reserved, other.Reserved);
        Compare("qualityControl", QualityControl, other.QualityControl);
        Compare("damaged", Damaged, other.Damaged);
        Compare("incoming", Incoming, other.Incoming);
        Compare("incomingOrders", string.Join(",", _incoming.Values), string.Join(",", other._incoming.Values));
        Compare("averageUnitCost", AverageUnitCost, other.AverageUnitCost);
        Compare("lastUnitCost", LastUnitCost, other.LastUnitCost);
        Compare("nextLayerId", _nextLayerId, other._nextLayerId);

        Compare("layers.count", _layers.Count, other._layers.Count);
        for (var i = 0; i < Math.Min(_layers.Count, other._layers.Count); i++)
            Compare($"layers[{i}]", _layers[i], other._layers[i]);

        foreach (var id in _reservations.Keys.Union(other._reservations.Keys).Order(StringComparer.Ordinal))
            Compare($"reservation '{id}'", FindReservation(id), other.FindReservation(id));

        Compare("terminalOrder", string.Join(",", _terminalOrder), string.Join(",", other._terminalOrder));
        Compare("recentRequests", string.Join(",", _requestOrder), string.Join(",", other._requestOrder));
        foreach (var id in _requestOrder.Intersect(other._requestOrder))
            Compare($"request '{id}'", Describe(_requests[id]), Describe(other._requests[id]));
        return differences;
    }

    // LedgerEntry's record equality compares its Draws list by reference, so entries are compared by content.
    private static string Describe(LedgerEntry entry) =>
        $"{entry with { Draws = [] }} draws [{string.Join("; ", (entry.Draws ?? []).Select(Describe))}]";

    private static string Describe(LayerDraw draw) =>
        $"{draw} lot {draw.Lot} {draw.ExpiresOn} {draw.ManufacturedOn} {draw.Supplier} {draw.PurchaseOrder}";

    private static string Show<T>(T value) => value switch
    {
        null => "none",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static InvalidOperationException BadSnapshot(PositionKey key, string why) =>
        new($"Snapshot of {key} is inconsistent: {why}.");
}
