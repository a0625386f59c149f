namespace Inventory.Domain.Tests;

/// <summary>
/// A deliberately naive second implementation of the position rules, written from the specification and not
/// from <see cref="StockPosition"/>: mutable fields and lists, no ledger, no entries, no snapshots. It never
/// forgets reservations or request ids, so runs against it must stay below <see cref="StockPosition.RememberedCount"/>.
/// </summary>
/// <remarks>
/// The specification of lots and statuses it follows: layers carry a lot, an expiry date and a status; only available
/// layers whose expiry date is not before today are picked (commit, shipment), in the removal strategy's order (FIFO
/// list order, LIFO reverse, FEFO by expiry with undated lots last); losses take expired available layers first. A
/// status change moves units into a new layer right after the one they came from. Available = on hand - reserved -
/// quality control - damaged - safety stock - expired, never below zero unless negative stock is allowed.
/// </remarks>
internal sealed class ReferenceModel(CostingMethod method, bool allowNegative)
{
    public sealed class Layer
    {
        public long Id;
        public decimal Qty;
        public decimal Cost;
        public string? Lot;
        public DateOnly? Expires;
        public StockStatus Status;
    }

    public sealed class Hold
    {
        public decimal Qty;
        public DateTimeOffset Expires;
        public ReservationStatus Status = ReservationStatus.Active;
        public decimal? Cogs;
    }

    /// <summary>What the first entry of a request recorded: enough to decide whether a repeat is the same request.</summary>
    private sealed record Request(
        LedgerEntryType Type, decimal Qty, decimal? Cost, string? Reason, StockStatus From, StockStatus To, string? Lot,
        string? PurchaseOrder, decimal OnHandAfter, decimal ReservedAfter, decimal QcAfter, decimal DamagedAfter, decimal Total);

    /// <summary>What the model expects a command to answer: a failure code, or levels, cost of goods, entry count and available.</summary>
    public sealed record Outcome(string? Code, decimal OnHand = 0, decimal Reserved = 0, decimal Cogs = 0, bool Replayed = false, int Entries = 0,
        decimal? Available = null);

    public CostingMethod Method = method;
    public RemovalStrategy? Strategy;
    public decimal SafetyStock;
    public decimal OnHand;
    public decimal Reserved;
    public decimal Average;
    public decimal Last;
    public readonly List<Layer> Layers = [];
    public readonly Dictionary<string, Hold> Holds = [];
    public readonly SortedDictionary<string, decimal> Orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Request> _requests = [];
    private long _nextLayer = 1;
    private DateOnly _today;

    public decimal Qc => Layers.Where(l => l.Status == StockStatus.QualityControl).Sum(l => l.Qty);
    public decimal Damaged => Layers.Where(l => l.Status == StockStatus.Damaged).Sum(l => l.Qty);
    public decimal Incoming => Orders.Values.Sum();
    public decimal Sellable => OnHand - Qc - Damaged;

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    public decimal ExpiredOn(DateOnly day) =>
        Layers.Where(l => l.Status == StockStatus.Available && l.Expires < day).Sum(l => l.Qty);

    public decimal AvailableOn(DateOnly day) => Clamp(Sellable - Reserved - SafetyStock - ExpiredOn(day));

    private decimal Clamp(decimal value) => allowNegative ? value : Math.Max(0, value);

    public Outcome Receive(decimal qty, decimal cost, string? requestId, DateTimeOffset now, string? lot = null, DateOnly? expires = null,
        StockStatus status = StockStatus.Available, string? po = null)
    {
        _today = Day(now);
        if (qty <= 0) return Fail(ErrorCodes.InvalidQuantity);
        if (cost < 0) return Fail(ErrorCodes.InvalidUnitCost);
        if (BlankId(requestId)) return Fail(ErrorCodes.ValidationFailed);
        if (Seen(requestId) is { } seen)
            return seen.Type == LedgerEntryType.Received && seen.Qty == qty && seen.Cost == cost ? Replay(seen) : Fail(ErrorCodes.RequestConflict);

        In(qty, cost, purchase: true, status, lot, expires);
        if (po is not null && Orders.TryGetValue(po, out var open))
            SetOrder(po, open - Math.Min(open, qty));
        Remember(requestId, LedgerEntryType.Received, qty, cost, null, status, status, lot, po, qty * cost);
        return Done(1);
    }

    public Outcome Order(string po, decimal qty, string? requestId, DateTimeOffset now)
    {
        _today = Day(now);
        if (qty <= 0) return Fail(ErrorCodes.InvalidQuantity);
        if (BlankId(requestId)) return Fail(ErrorCodes.ValidationFailed);
        if (Seen(requestId) is { } seen)
            return seen.Type == LedgerEntryType.Ordered && seen.PurchaseOrder == po && seen.Qty == qty ? Replay(seen) : Fail(ErrorCodes.RequestConflict);

        SetOrder(po, Orders.GetValueOrDefault(po) + qty);
        Remember(requestId, LedgerEntryType.Ordered, qty, null, null, StockStatus.Available, StockStatus.Available, null, po, 0);
        return Done(1);
    }

    public Outcome CancelOrder(string po, decimal? qty, string? requestId, DateTimeOffset now)
    {
        _today = Day(now);
        if (qty <= 0) return Fail(ErrorCodes.InvalidQuantity);
        if (BlankId(requestId)) return Fail(ErrorCodes.ValidationFailed);
        if (Seen(requestId) is { } seen)
        {
            return seen.Type == LedgerEntryType.OrderCancelled && seen.PurchaseOrder == po && (qty is null || seen.Qty == qty)
                ? Replay(seen) : Fail(ErrorCodes.RequestConflict);
        }

        if (!Orders.TryGetValue(po, out var open)) return Fail(ErrorCodes.OrderNotFound);
        var cancelled = qty ?? open;
        if (cancelled > open) return Fail(ErrorCodes.InvalidQuantity);
        SetOrder(po, open - cancelled);
        Remember(requestId, LedgerEntryType.OrderCancelled, cancelled, null, null, StockStatus.Available, StockStatus.Available, null, po, 0);
        return Done(1);
    }

    public Outcome Reserve(string id, decimal qty, DateTimeOffset expires, DateTimeOffset now)
    {
        _today = Day(now);
        if (string.IsNullOrWhiteSpace(id)) return Fail(ErrorCodes.ValidationFailed);
        if (qty <= 0) return Fail(ErrorCodes.InvalidQuantity);
        if (Holds.TryGetValue(id, out var known))
            return known.Qty == qty ? Done(0, replayed: true) : Fail(ErrorCodes.ReservationConflict);
        if (expires <= now) return Fail(ErrorCodes.InvalidExpiry);
        // lots expired by the reservation's last day cannot back it
        if (!allowNegative && qty > Sellable - Reserved - SafetyStock - ExpiredOn(Day(expires))) return Fail(ErrorCodes.InsufficientStock);

        Holds[id] = new Hold { Qty = qty, Expires = expires };
        Reserved += qty;
        return Done(1);
    }

    public Outcome Extend(string id, DateTimeOffset expires, DateTimeOffset now)
    {
        _today = Day(now);
        if (string.IsNullOrWhiteSpace(id)) return Fail(ErrorCodes.ValidationFailed);
        if (expires <= now) return Fail(ErrorCodes.InvalidExpiry);
        if (!Holds.TryGetValue(id, out var hold)) return Fail(ErrorCodes.ReservationNotFound);
        if (StatusAt(hold, now) != ReservationStatus.Active) return Fail(ErrorCodes.ReservationNotActive);

        hold.Expires = expires;
        return Done(1);
    }

    public Outcome Commit(string id, DateTimeOffset now)
    {
        _today = Day(now);
        if (string.IsNullOrWhiteSpace(id)) return Fail(ErrorCodes.ValidationFailed);
        if (!Holds.TryGetValue(id, out var hold)) return Fail(ErrorCodes.ReservationNotFound);
        var status = StatusAt(hold, now);
        if (status == ReservationStatus.Committed) return Done(0, hold.Cogs!.Value, replayed: true);
        if (status != ReservationStatus.Active) return Fail(ErrorCodes.ReservationNotActive);
        if (PickRefusal(hold.Qty) is { } refused) return Fail(refused);

        var cogs = Out(hold.Qty, PickOrder());
        Reserved -= hold.Qty;
        hold.Status = ReservationStatus.Committed;
        hold.Cogs = cogs;
        return Done(1, cogs);
    }

    public Outcome Release(string id, DateTimeOffset now)
    {
        _today = Day(now);
        if (string.IsNullOrWhiteSpace(id)) return Fail(ErrorCodes.ValidationFailed);
        if (!Holds.TryGetValue(id, out var hold)) return Fail(ErrorCodes.ReservationNotFound);
        var status = StatusAt(hold, now);
        if (status == ReservationStatus.Released) return Done(0, replayed: true);
        if (status != ReservationStatus.Active) return Fail(ErrorCodes.ReservationNotActive);

        Reserved -= hold.Qty;
        hold.Status = ReservationStatus.Released;
        return Done(1);
    }

    public Outcome ExpireDue(DateTimeOffset now)
    {
        _today = Day(now);
        var count = 0;
        foreach (var hold in Holds.Values)
        {
            if (hold.Status == ReservationStatus.Active && hold.Expires <= now)
            {
                hold.Status = ReservationStatus.Expired;
                Reserved -= hold.Qty;
                count++;
            }
        }

        return Done(count);
    }

    public Outcome Adjust(decimal delta, AdjustmentReason reason, decimal? cost, string? requestId, DateTimeOffset now, Approval? approval, string user)
    {
        _today = Day(now);
        if (delta == 0) return Fail(ErrorCodes.InvalidQuantity);
        if (!Enum.IsDefined(reason)) return Fail(ErrorCodes.InvalidReason);
        if (cost < 0) return Fail(ErrorCodes.InvalidUnitCost);
        if (BlankId(requestId)) return Fail(ErrorCodes.ValidationFailed);
        if (SelfApproved(approval, user)) return Fail(ErrorCodes.SelfApproval);
        var reasonText = reason.ToString().ToLowerInvariant();
        if (Seen(requestId) is { } seen)
            return seen.Type == LedgerEntryType.Adjusted && seen.Qty == delta && seen.Reason == reasonText ? Replay(seen) : Fail(ErrorCodes.RequestConflict);
        if (delta < 0 && !allowNegative && -delta > Sellable - Reserved) return Fail(ErrorCodes.InsufficientStock);

        return Correct(delta, StockStatus.Available, reasonText, cost, requestId, approval);
    }

    public Outcome SetCount(decimal counted, decimal? expected, string? requestId, DateTimeOffset now, Approval? approval, string user,
        StockStatus status = StockStatus.Available)
    {
        _today = Day(now);
        if (counted < 0) return Fail(ErrorCodes.InvalidQuantity);
        if (BlankId(requestId)) return Fail(ErrorCodes.ValidationFailed);
        if (SelfApproved(approval, user)) return Fail(ErrorCodes.SelfApproval);
        if (Seen(requestId) is { } seen)
        {
            var after = status switch
            {
                StockStatus.QualityControl => seen.QcAfter,
                StockStatus.Damaged => seen.DamagedAfter,
                _ => seen.OnHandAfter - seen.QcAfter - seen.DamagedAfter,
            };
            var seenStatus = seen.Qty > 0 && seen.Type != LedgerEntryType.WrittenOff ? seen.To : seen.From;
            return seen.Type == LedgerEntryType.Adjusted && seen.Reason == "count" && seenStatus == status && after == counted
                ? Replay(seen) : Fail(ErrorCodes.RequestConflict);
        }

        var current = InStatus(status);
        if (expected is not null && expected != current) return Fail(ErrorCodes.CountMismatch);
        if (counted == current) return Done(0);
        if (status == StockStatus.Available && counted < current && counted < Reserved && !allowNegative) return Fail(ErrorCodes.InsufficientStock);

        return Correct(counted - current, status, "count", null, requestId, approval);
    }

    public Outcome Return(decimal qty, decimal? cost, string? requestId, DateTimeOffset now, StockStatus status = StockStatus.Available, string? lot = null)
    {
        _today = Day(now);
        if (qty <= 0) return Fail(ErrorCodes.InvalidQuantity);
        if (cost < 0) return Fail(ErrorCodes.InvalidUnitCost);
        if (BlankId(requestId)) return Fail(ErrorCodes.ValidationFailed);
        if (Seen(requestId) is { } seen)
        {
            return seen.Type == LedgerEntryType.Returned && seen.Qty == qty && (cost is null || seen.Cost == cost) && seen.To == status
                ? Replay(seen) : Fail(ErrorCodes.RequestConflict);
        }

        var unitCost = cost ?? CostOfFoundStock();
        In(qty, unitCost, purchase: false, status, lot, null);
        Remember(requestId, LedgerEntryType.Returned, qty, unitCost, null, status, status, lot, null, qty * unitCost);
        return Done(1);
    }

    public Outcome ChangeStatus(decimal qty, StockStatus from, StockStatus to, string? lot, string? requestId, DateTimeOffset now)
    {
        _today = Day(now);
        if (qty <= 0) return Fail(ErrorCodes.InvalidQuantity);
        if (BlankId(requestId)) return Fail(ErrorCodes.ValidationFailed);
        if (from == to) return Fail(ErrorCodes.InvalidStatus);
        if (Seen(requestId) is { } seen)
        {
            return seen.Type == LedgerEntryType.StatusChanged && seen.Qty == qty && seen.From == from && seen.To == to && seen.Lot == lot
                ? Replay(seen) : Fail(ErrorCodes.RequestConflict);
        }

        var order = RemovalOrder(from, lot);
        if (TakeRefusal(qty, from, order) is { } refused) return Fail(refused);

        var value = Cost(order, qty);
        var backorder = Math.Max(0, -Sellable);
        var left = qty;
        foreach (var layer in order)
        {
            if (left == 0) break;
            var take = Math.Min(left, layer.Qty);
            left -= take;
            layer.Qty -= take;
            var moved = take;
            if (to == StockStatus.Available)
            {
                var filled = Math.Min(backorder, moved);
                backorder -= filled;
                moved -= filled;
            }

            if (moved > 0)
                Layers.Insert(Layers.IndexOf(layer) + 1, new Layer { Id = _nextLayer++, Qty = moved, Cost = layer.Cost, Lot = layer.Lot, Expires = layer.Expires, Status = to });
        }

        Layers.RemoveAll(l => l.Qty == 0);
        Remember(requestId, LedgerEntryType.StatusChanged, qty, null, null, from, to, lot, null, value);
        return Done(1);
    }

    public Outcome WriteOff(decimal qty, AdjustmentReason reason, StockStatus from, string? lot, string? requestId, DateTimeOffset now,
        Approval? approval, string user)
    {
        _today = Day(now);
        if (qty <= 0) return Fail(ErrorCodes.InvalidQuantity);
        if (reason is not (AdjustmentReason.Damage or AdjustmentReason.Theft or AdjustmentReason.Expired or AdjustmentReason.Correction))
            return Fail(ErrorCodes.InvalidReason);
        if (BlankId(requestId)) return Fail(ErrorCodes.ValidationFailed);
        if (SelfApproved(approval, user)) return Fail(ErrorCodes.SelfApproval);
        var reasonText = reason.ToString().ToLowerInvariant();
        if (Seen(requestId) is { } seen)
        {
            return seen.Type == LedgerEntryType.WrittenOff && seen.Qty == qty && seen.Reason == reasonText && seen.From == from && seen.Lot == lot
                ? Replay(seen) : Fail(ErrorCodes.RequestConflict);
        }

        var order = RemovalOrder(from, lot);
        if (TakeRefusal(qty, from, order) is { } refused) return Fail(refused);
        var value = Cost(order, qty);
        if (NeedsApproval(value, approval)) return Fail(ErrorCodes.ApprovalRequired);

        Out(qty, order);
        Remember(requestId, LedgerEntryType.WrittenOff, qty, null, reasonText, from, from, lot, null, value);
        return Done(1, value);
    }

    public Outcome WriteOffExpired(string? lot, string? requestId, DateTimeOffset now, Approval? approval, string user)
    {
        _today = Day(now);
        if (BlankId(requestId)) return Fail(ErrorCodes.ValidationFailed);
        if (SelfApproved(approval, user)) return Fail(ErrorCodes.SelfApproval);
        if (Seen(requestId) is { } seen)
            return seen.Type == LedgerEntryType.WrittenOff && seen.Reason == "expired" && seen.Lot == lot ? Replay(seen) : Fail(ErrorCodes.RequestConflict);

        var expired = Layers.Where(l => l.Expires < _today && (lot is null || l.Lot == lot)).ToList();
        var expiredAvailable = expired.Where(l => l.Status == StockStatus.Available).Sum(l => l.Qty);
        if (!allowNegative && expiredAvailable > 0 && Sellable - expiredAvailable < Reserved) return Fail(ErrorCodes.InsufficientStock);

        var groups = new[] { StockStatus.Available, StockStatus.QualityControl, StockStatus.Damaged }
            .Select(s => (Status: s, Layers: expired.Where(l => l.Status == s).OrderBy(l => l.Expires).ToList()))
            .Where(g => g.Layers.Count > 0)
            .ToList();
        if (groups.Count == 0) return Done(0);
        var costs = groups.Select(g => Cost(g.Layers, g.Layers.Sum(l => l.Qty))).ToList();
        if (NeedsApproval(costs.Sum(), approval)) return Fail(ErrorCodes.ApprovalRequired);

        var onHandBefore = OnHand;
        var (qcBefore, damagedBefore) = (Qc, Damaged);
        var first = groups[0];
        var firstQty = first.Layers.Sum(l => l.Qty);
        foreach (var group in groups)
            Out(group.Layers.Sum(l => l.Qty), group.Layers);
        // the request is remembered with the first entry, whose levels are those right after it
        Remember(requestId, LedgerEntryType.WrittenOff, firstQty, null, "expired", first.Status, first.Status, lot, null, costs[0],
            onHandBefore - firstQty,
            qcBefore - (first.Status == StockStatus.QualityControl ? firstQty : 0),
            damagedBefore - (first.Status == StockStatus.Damaged ? firstQty : 0));
        return Done(groups.Count, costs.Sum());
    }

    public Outcome Ship(decimal qty, string? requestId, DateTimeOffset now)
    {
        _today = Day(now);
        if (qty <= 0) return Fail(ErrorCodes.InvalidQuantity);
        if (BlankId(requestId)) return Fail(ErrorCodes.ValidationFailed);
        if (Seen(requestId) is { } seen)
            return seen.Type == LedgerEntryType.TransferShipped && seen.Qty == qty ? Replay(seen) : Fail(ErrorCodes.RequestConflict);
        if (!allowNegative && qty > AvailableOn(_today)) return Fail(ErrorCodes.InsufficientStock);
        if (PickRefusal(qty) is { } refused) return Fail(refused);

        var cogs = Out(qty, PickOrder());
        Remember(requestId, LedgerEntryType.TransferShipped, qty, null, null, StockStatus.Available, StockStatus.Available, null, null, cogs);
        return Done(1, cogs);
    }

    public Outcome ReceiveTransfer(IReadOnlyList<(decimal Qty, decimal Cost, string? Lot, DateOnly? Expires)> lines, string? requestId, DateTimeOffset now)
    {
        _today = Day(now);
        if (LineRefusal(lines.Select(l => (l.Qty, l.Cost))) is { } invalid) return Fail(invalid);
        if (BlankId(requestId)) return Fail(ErrorCodes.ValidationFailed);
        if (Seen(requestId) is { } seen)
            return seen.Type == LedgerEntryType.TransferReceived && seen.Qty == lines[0].Qty ? Replay(seen) : Fail(ErrorCodes.RequestConflict);

        var (onHand, qc, damaged) = (OnHand, Qc, Damaged);
        foreach (var (qty, cost, lot, expires) in lines)
            In(qty, cost, purchase: true, StockStatus.Available, lot, expires);
        Remember(requestId, LedgerEntryType.TransferReceived, lines[0].Qty, lines[0].Cost, null, StockStatus.Available, StockStatus.Available,
            lines[0].Lot, null, lines[0].Qty * lines[0].Cost, onHand + lines[0].Qty, qc, damaged);
        return Done(lines.Count);
    }

    public Outcome RecordTransitLoss(IReadOnlyList<(decimal Qty, decimal Cost)> lines, string? requestId, DateTimeOffset now)
    {
        _today = Day(now);
        if (LineRefusal(lines) is { } invalid) return Fail(invalid);
        if (BlankId(requestId)) return Fail(ErrorCodes.ValidationFailed);
        var qty = lines.Sum(l => l.Qty);
        if (Seen(requestId) is { } seen)
            return seen.Type == LedgerEntryType.TransitLoss && seen.Qty == qty ? Replay(seen) : Fail(ErrorCodes.RequestConflict);

        Remember(requestId, LedgerEntryType.TransitLoss, qty, null, "lost", StockStatus.Available, StockStatus.Available, null, null,
            lines.Sum(l => l.Qty * l.Cost));
        return Done(1);
    }

    /// <summary>Value and unit cost of on-hand stock.</summary>
    public (decimal Value, decimal UnitCost) Valuation()
    {
        if (OnHand == 0) return (0, 0);
        if (OnHand < 0) return (OnHand * Last, Last);
        if (Method == CostingMethod.Average) return (OnHand * Average, Average);
        // the backorder's debt first, then each layer: the order the sum is rounded in matters at 28 digits
        var value = Math.Min(0, Sellable) * Last;
        foreach (var layer in Layers) value += layer.Qty * layer.Cost;
        return (value, value / OnHand);
    }

    private RemovalStrategy EffectiveStrategy => Strategy ?? (Method == CostingMethod.Lifo ? RemovalStrategy.Lifo : RemovalStrategy.Fifo);

    private List<Layer> PickOrder()
    {
        var pickable = Layers.Where(l => l.Status == StockStatus.Available && !(l.Expires < _today)).ToList();
        return EffectiveStrategy switch
        {
            RemovalStrategy.Lifo => Enumerable.Reverse(pickable).ToList(),
            RemovalStrategy.Fefo => pickable.OrderBy(l => l.Expires ?? DateOnly.MaxValue).ToList(),
            _ => pickable,
        };
    }

    private List<Layer> RemovalOrder(StockStatus status, string? lot)
    {
        var order = status == StockStatus.Available
            ? Layers.Where(l => l.Status == StockStatus.Available && l.Expires < _today).OrderBy(l => l.Expires).Concat(PickOrder()).ToList()
            : Layers.Where(l => l.Status == status).ToList();
        return order.Where(l => lot is null || l.Lot == lot).ToList();
    }

    private string? PickRefusal(decimal qty)
    {
        if (PickOrder().Sum(l => l.Qty) >= qty) return null;
        if (ExpiredOn(_today) > 0) return ErrorCodes.LotExpired;
        return allowNegative ? null : ErrorCodes.InsufficientStock;
    }

    private string? TakeRefusal(decimal qty, StockStatus from, List<Layer> order)
    {
        if (order.Sum(l => l.Qty) < qty) return ErrorCodes.InsufficientStock;
        if (from == StockStatus.Available && !allowNegative && qty > Sellable - Reserved) return ErrorCodes.InsufficientStock;
        return null;
    }

    private decimal InStatus(StockStatus status) => status switch
    {
        StockStatus.QualityControl => Qc,
        StockStatus.Damaged => Damaged,
        _ => Sellable,
    };

    private Outcome Correct(decimal delta, StockStatus status, string reasonText, decimal? cost, string? requestId, Approval? approval)
    {
        decimal cogs = 0, unitCost = 0, value;
        var order = RemovalOrder(status, null);
        if (delta > 0)
        {
            unitCost = cost ?? CostOfFoundStock();
            value = delta * unitCost;
        }
        else
        {
            value = cogs = Cost(order, -delta);
        }

        if (NeedsApproval(value, approval)) return Fail(ErrorCodes.ApprovalRequired);
        if (delta > 0) In(delta, unitCost, purchase: false, status, null, null);
        else Out(-delta, order);

        Remember(requestId, LedgerEntryType.Adjusted, delta, unitCost, reasonText, status, status, null, null, value);
        return Done(1, cogs);
    }

    private static bool NeedsApproval(decimal value, Approval? approval) =>
        approval?.ApprovedBy is null && approval?.Limit is { } limit && value > limit;

    private static bool SelfApproved(Approval? approval, string user) => approval?.ApprovedBy?.User == user;

    private decimal CostOfFoundStock() => OnHand > 0 ? Average : Last;

    private void In(decimal qty, decimal cost, bool purchase, StockStatus status, string? lot, DateOnly? expires)
    {
        var sellableBefore = Sellable;
        Average = OnHand > 0 ? (OnHand * Average + qty * cost) / (OnHand + qty) : cost;
        if (purchase) Last = cost;
        OnHand += qty;
        // units that merely fill a backorder (negative sellable stock) do not become a layer
        var layered = status == StockStatus.Available ? Math.Min(qty, Math.Max(0, sellableBefore + qty)) : qty;
        if (layered > 0) Layers.Add(new Layer { Id = _nextLayer++, Qty = layered, Cost = cost, Lot = lot, Expires = expires, Status = status });
    }

    /// <summary>What taking <paramref name="qty"/> in <paramref name="order"/> costs, without taking it.</summary>
    private decimal Cost(List<Layer> order, decimal qty)
    {
        decimal left = qty, layerCost = 0;
        foreach (var layer in order)
        {
            if (left == 0) break;
            var take = Math.Min(left, layer.Qty);
            left -= take;
            layerCost += take * layer.Cost;
        }

        var covered = qty - left;
        return (Method == CostingMethod.Average ? covered * Average : layerCost) + left * Last;
    }

    private decimal Out(decimal qty, List<Layer> order)
    {
        var cogs = Cost(order, qty);
        var left = qty;
        foreach (var layer in order)
        {
            if (left == 0) break;
            var take = Math.Min(left, layer.Qty);
            layer.Qty -= take;
            left -= take;
        }

        Layers.RemoveAll(l => l.Qty == 0);
        OnHand -= qty;
        return cogs;
    }

    private void SetOrder(string po, decimal open)
    {
        if (open == 0) Orders.Remove(po);
        else Orders[po] = open;
    }

    private static ReservationStatus StatusAt(Hold hold, DateTimeOffset now) =>
        hold.Status == ReservationStatus.Active && hold.Expires <= now ? ReservationStatus.Expired : hold.Status;

    private static string? LineRefusal(IEnumerable<(decimal Qty, decimal Cost)> lines)
    {
        foreach (var (qty, cost) in lines)
        {
            if (qty <= 0) return ErrorCodes.InvalidQuantity;
            if (cost < 0) return ErrorCodes.InvalidUnitCost;
        }

        return null;
    }

    private static bool BlankId(string? requestId) => requestId is not null && requestId.Trim() == "";

    private Request? Seen(string? requestId) => requestId is not null && _requests.TryGetValue(requestId, out var seen) ? seen : null;

    private void Remember(string? requestId, LedgerEntryType type, decimal qty, decimal? cost, string? reason, StockStatus from, StockStatus to,
        string? lot, string? po, decimal total, decimal? onHandAfter = null, decimal? qcAfter = null, decimal? damagedAfter = null)
    {
        if (requestId is not null)
        {
            _requests[requestId] = new Request(type, qty, cost, reason, from, to, lot, po, onHandAfter ?? OnHand, Reserved,
                qcAfter ?? Qc, damagedAfter ?? Damaged, total);
        }
    }

    private Outcome Replay(Request seen)
    {
        var outflow = seen.Type is LedgerEntryType.WrittenOff or LedgerEntryType.TransferShipped
            || (seen.Type == LedgerEntryType.Adjusted && seen.Qty < 0);
        var available = Clamp(seen.OnHandAfter - seen.QcAfter - seen.DamagedAfter - seen.ReservedAfter - SafetyStock);
        return new(null, seen.OnHandAfter, seen.ReservedAfter, outflow ? seen.Total : 0, Replayed: true, Available: available);
    }

    private Outcome Done(int entries, decimal cogs = 0, bool replayed = false) =>
        new(null, OnHand, Reserved, cogs, replayed, entries, AvailableOn(_today));

    private static Outcome Fail(string code) => new(code);
}
