using Inventory.Domain;

namespace Inventory.Domain.Tests;

/// <summary>
/// A deliberately naive second implementation of the position rules, written from the specification and not
/// from <see cref="StockPosition"/>: mutable fields and lists, no ledger, no entries, no snapshots. It never
/// forgets reservations or request ids, so runs against it must stay below <see cref="StockPosition.RememberedCount"/>.
/// </summary>
internal sealed class ReferenceModel(CostingMethod method, bool allowNegative)
{
    public sealed class Layer
    {
        public long Id;
        public decimal Qty;
        public decimal Cost;
    }

    public sealed class Hold
    {
        public decimal Qty;
        public DateTimeOffset Expires;
        public ReservationStatus Status = ReservationStatus.Active;
        public decimal? Cogs;
    }

    private sealed record Request(string Kind, decimal Qty, decimal Cost, string? Reason, decimal OnHandAfter, decimal ReservedAfter, decimal Cogs);

    /// <summary>What the model expects a command to answer: a failure code, or levels, cost of goods and entry count.</summary>
    public sealed record Outcome(string? Code, decimal OnHand = 0, decimal Reserved = 0, decimal Cogs = 0, bool Replayed = false, int Entries = 0);

    public CostingMethod Method = method;
    public decimal OnHand;
    public decimal Reserved;
    public decimal Average;
    public decimal Last;
    public readonly List<Layer> Layers = [];
    public readonly Dictionary<string, Hold> Holds = [];
    private readonly Dictionary<string, Request> _requests = [];
    private long _nextLayer = 1;

    private decimal Free => OnHand - Reserved;

    public Outcome Receive(decimal qty, decimal cost, string? requestId)
    {
        if (qty <= 0) return Fail(ErrorCodes.InvalidQuantity);
        if (cost < 0) return Fail(ErrorCodes.InvalidUnitCost);
        if (requestId is not null && requestId.Trim() == "") return Fail(ErrorCodes.ValidationFailed);
        if (requestId is not null && _requests.TryGetValue(requestId, out var seen))
            return seen.Kind == "receive" && seen.Qty == qty && seen.Cost == cost ? Replay(seen) : Fail(ErrorCodes.RequestConflict);

        In(qty, cost, purchase: true);
        Remember(requestId, "receive", qty, cost, null, 0);
        return Done(1);
    }

    public Outcome Reserve(string id, decimal qty, DateTimeOffset expires, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(id)) return Fail(ErrorCodes.ValidationFailed);
        if (qty <= 0) return Fail(ErrorCodes.InvalidQuantity);
        if (Holds.TryGetValue(id, out var known))
            return known.Qty == qty ? new Outcome(null, OnHand, Reserved, Replayed: true) : Fail(ErrorCodes.ReservationConflict);
        if (expires <= now) return Fail(ErrorCodes.InvalidExpiry);
        if (!allowNegative && qty > Free) return Fail(ErrorCodes.InsufficientStock);

        Holds[id] = new Hold { Qty = qty, Expires = expires };
        Reserved += qty;
        return Done(1);
    }

    public Outcome Extend(string id, DateTimeOffset expires, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(id)) return Fail(ErrorCodes.ValidationFailed);
        if (expires <= now) return Fail(ErrorCodes.InvalidExpiry);
        if (!Holds.TryGetValue(id, out var hold)) return Fail(ErrorCodes.ReservationNotFound);
        if (StatusAt(hold, now) != ReservationStatus.Active) return Fail(ErrorCodes.ReservationNotActive);

        hold.Expires = expires;
        return Done(1);
    }

    public Outcome Commit(string id, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(id)) return Fail(ErrorCodes.ValidationFailed);
        if (!Holds.TryGetValue(id, out var hold)) return Fail(ErrorCodes.ReservationNotFound);
        var status = StatusAt(hold, now);
        if (status == ReservationStatus.Committed) return new Outcome(null, OnHand, Reserved, hold.Cogs!.Value, Replayed: true);
        if (status != ReservationStatus.Active) return Fail(ErrorCodes.ReservationNotActive);

        var cogs = Out(hold.Qty);
        Reserved -= hold.Qty;
        hold.Status = ReservationStatus.Committed;
        hold.Cogs = cogs;
        return Done(1, cogs);
    }

    public Outcome Release(string id, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(id)) return Fail(ErrorCodes.ValidationFailed);
        if (!Holds.TryGetValue(id, out var hold)) return Fail(ErrorCodes.ReservationNotFound);
        var status = StatusAt(hold, now);
        if (status == ReservationStatus.Released) return new Outcome(null, OnHand, Reserved, Replayed: true);
        if (status != ReservationStatus.Active) return Fail(ErrorCodes.ReservationNotActive);

        Reserved -= hold.Qty;
        hold.Status = ReservationStatus.Released;
        return Done(1);
    }

    public Outcome ExpireDue(DateTimeOffset now)
    {
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

    public Outcome Adjust(decimal delta, AdjustmentReason reason, decimal? cost, string? requestId)
    {
        if (delta == 0) return Fail(ErrorCodes.InvalidQuantity);
        if (!Enum.IsDefined(reason)) return Fail(ErrorCodes.InvalidReason);
        if (cost < 0) return Fail(ErrorCodes.InvalidUnitCost);
        if (requestId is not null && requestId.Trim() == "") return Fail(ErrorCodes.ValidationFailed);
        var reasonText = reason.ToString().ToLowerInvariant();
        if (requestId is not null && _requests.TryGetValue(requestId, out var seen))
            return seen.Kind == "adjust" && seen.Qty == delta && seen.Reason == reasonText ? Replay(seen) : Fail(ErrorCodes.RequestConflict);
        if (delta < 0 && !allowNegative && -delta > Free) return Fail(ErrorCodes.InsufficientStock);

        return ApplyAdjustment(delta, reasonText, cost, requestId);
    }

    public Outcome SetCount(decimal counted, decimal? expected, string? requestId)
    {
        if (counted < 0) return Fail(ErrorCodes.InvalidQuantity);
        if (requestId is not null && requestId.Trim() == "") return Fail(ErrorCodes.ValidationFailed);
        if (requestId is not null && _requests.TryGetValue(requestId, out var seen))
            return seen.Kind == "adjust" && seen.Reason == "count" && seen.OnHandAfter == counted ? Replay(seen) : Fail(ErrorCodes.RequestConflict);
        if (expected is not null && expected != OnHand) return Fail(ErrorCodes.CountMismatch);
        if (counted == OnHand) return Done(0);
        if (counted < OnHand && counted < Reserved && !allowNegative) return Fail(ErrorCodes.InsufficientStock);

        return ApplyAdjustment(counted - OnHand, "count", null, requestId);
    }

    public Outcome Return(decimal qty, decimal? cost, string? requestId)
    {
        if (qty <= 0) return Fail(ErrorCodes.InvalidQuantity);
        if (cost < 0) return Fail(ErrorCodes.InvalidUnitCost);
        if (requestId is not null && requestId.Trim() == "") return Fail(ErrorCodes.ValidationFailed);
        if (requestId is not null && _requests.TryGetValue(requestId, out var seen))
            return seen.Kind == "return" && seen.Qty == qty && (cost is null || seen.Cost == cost) ? Replay(seen) : Fail(ErrorCodes.RequestConflict);

        var unitCost = cost ?? CostOfFoundStock();
        In(qty, unitCost, purchase: false);
        Remember(requestId, "return", qty, unitCost, null, 0);
        return Done(1);
    }

    /// <summary>Value and unit cost of on-hand stock.</summary>
    public (decimal Value, decimal UnitCost) Valuation()
    {
        if (OnHand == 0) return (0, 0);
        if (OnHand < 0) return (OnHand * Last, Last);
        if (Method == CostingMethod.Average) return (OnHand * Average, Average);
        var value = Layers.Sum(l => l.Qty * l.Cost);
        return (value, value / OnHand);
    }

    private Outcome ApplyAdjustment(decimal delta, string reasonText, decimal? cost, string? requestId)
    {
        decimal cogs = 0, unitCost = 0;
        if (delta > 0)
        {
            unitCost = cost ?? CostOfFoundStock();
            In(delta, unitCost, purchase: false);
        }
        else
        {
            cogs = Out(-delta);
        }

        Remember(requestId, "adjust", delta, unitCost, reasonText, cogs);
        return Done(1, cogs);
    }

    private decimal CostOfFoundStock() => OnHand > 0 ? Average : Last;

    private void In(decimal qty, decimal cost, bool purchase)
    {
        Average = OnHand > 0 ? (OnHand * Average + qty * cost) / (OnHand + qty) : cost;
        if (purchase) Last = cost;
        OnHand += qty;
        // units that merely fill a backorder (negative on hand) do not become a layer
        var layered = Math.Min(qty, Math.Max(0, OnHand));
        if (layered > 0) Layers.Add(new Layer { Id = _nextLayer++, Qty = layered, Cost = cost });
    }

    private decimal Out(decimal qty)
    {
        var order = Method == CostingMethod.Lifo ? Enumerable.Reverse(Layers).ToList() : Layers.ToList();
        decimal left = qty, layerCogs = 0;
        foreach (var layer in order)
        {
            if (left == 0) break;
            var take = Math.Min(left, layer.Qty);
            layer.Qty -= take;
            left -= take;
            layerCogs += take * layer.Cost;
        }

        Layers.RemoveAll(l => l.Qty == 0);
        OnHand -= qty;
        var covered = qty - left;
        return (Method == CostingMethod.Average ? covered * Average : layerCogs) + left * Last;
    }

    private static ReservationStatus StatusAt(Hold hold, DateTimeOffset now) =>
        hold.Status == ReservationStatus.Active && hold.Expires <= now ? ReservationStatus.Expired : hold.Status;

    private void Remember(string? requestId, string kind, decimal qty, decimal cost, string? reason, decimal cogs)
    {
        if (requestId is not null)
            _requests[requestId] = new Request(kind, qty, cost, reason, OnHand, Reserved, cogs);
    }

    private static Outcome Replay(Request seen) => new(null, seen.OnHandAfter, seen.ReservedAfter, seen.Cogs, Replayed: true);

    private Outcome Done(int entries, decimal cogs = 0) => new(null, OnHand, Reserved, cogs, false, entries);

    private static Outcome Fail(string code) => new(code);
}
