namespace Inventory.Domain;

// Stock states beyond available/reserved: moves between available, quality control and damaged, and write-offs
// (damage, theft, expired lots). Reserved stock is promised, so none of these may take it unless negative stock is allowed.
public sealed partial class StockPosition
{
    /// <summary>The reasons a write-off may give.</summary>
    public static readonly IReadOnlyList<AdjustmentReason> WriteOffReasons =
        [AdjustmentReason.Damage, AdjustmentReason.Theft, AdjustmentReason.Expired, AdjustmentReason.Correction];

    /// <summary>
    /// Moves <paramref name="quantity"/> from one status to another (QC release: quality control to available; QC
    /// reject: quality control to damaged; found damaged: available to damaged; repaired: damaged to available ...),
    /// optionally only from one lot. On hand and value do not change; the moved units keep their cost and lot.
    /// </summary>
    public Result<Movement> ChangeStatus(decimal quantity, StockStatus from, StockStatus to, Actor actor, DateTimeOffset now,
        string? lot = null, string? reason = null, string? reference = null, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = CheckQuantity(quantity) ?? CheckStatus(from) ?? CheckStatus(to) ?? CheckRequestId(requestId)
            ?? (from == to ? StockFailures.InvalidStatus($"Stock is already {StockFailures.Name(to)}.", from, to) : null);
        if (invalid is not null)
            return invalid;
        if (FirstResultOf(requestId) is { } first)
        {
            return Replay(first, first.Type == LedgerEntryType.StatusChanged && first.Quantity == quantity
                && first.FromStatus == from && first.ToStatus == to && first.Lot == lot);
        }

        var today = Today(now);
        if (CheckTake(quantity, from, lot, today) is { } refused)
            return refused;

        var plan = IssueCosting.Plan(RemovalOrder(from, lot, today), CostingMethod, quantity, AverageUnitCost, LastUnitCost);
        return Append(NewEntry(LedgerEntryType.StatusChanged, quantity, OnHand, Reserved, actor, now) with
        {
            FromStatus = from,
            ToStatus = to,
            Lot = lot,
            UnitCost = plan.CostOfGoods / quantity,
            TotalCost = plan.CostOfGoods,
            Draws = plan.Draws,
            QualityAfter = QualityControl + Delta(StockStatus.QualityControl, from, to, quantity),
            DamagedAfter = Damaged + Delta(StockStatus.Damaged, from, to, quantity),
            Reason = reason,
            Reference = reference,
            RequestId = requestId,
        });
    }

    public Result<Movement> ChangeStatus(StatusChange change, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        return ChangeStatus(change.Quantity, change.From, change.To, actor, now, change.Lot, change.Reason, change.Reference, change.RequestId);
    }

    /// <summary>
    /// Writes off <paramref name="quantity"/> from <paramref name="from"/> (optionally one lot) with a reason (damage,
    /// theft, expired, correction), charged by the costing method like any outflow. Subject to the approval limit.
    /// </summary>
    public Result<Movement> WriteOff(decimal quantity, AdjustmentReason reason, StockStatus from, Actor actor, DateTimeOffset now,
        string? lot = null, string? reference = null, string? requestId = null, Approval? approval = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = CheckQuantity(quantity) ?? CheckWriteOffReason(reason) ?? CheckStatus(from) ?? CheckRequestId(requestId)
            ?? CheckApprover(actor, approval);
        if (invalid is not null)
            return invalid;
        var reasonText = ReasonText(reason);
        if (FirstResultOf(requestId) is { } first)
        {
            return Replay(first, first.Type == LedgerEntryType.WrittenOff && first.Quantity == quantity
                && first.Reason == reasonText && StatusOf(first) == from && first.Lot == lot);
        }

        var today = Today(now);
        if (CheckTake(quantity, from, lot, today) is { } refused)
            return refused;
        var entry = WriteOffEntry(quantity, from, RemovalOrder(from, lot, today), reasonText, actor, now) with
        {
            Lot = lot,
            Reference = reference,
            RequestId = requestId,
        };
        return AppendCorrection(entry, approval);
    }

    /// <summary>
    /// Writes off every lot (or only <paramref name="lot"/>) whose expiry date is before today, in whatever status it
    /// is, with reason expired: one written_off entry per status holding expired stock. Nothing expired: nothing appended.
    /// </summary>
    public Result<Movement> WriteOffExpired(Actor actor, DateTimeOffset now, string? lot = null, string? reference = null,
        string? requestId = null, Approval? approval = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = CheckRequestId(requestId) ?? CheckApprover(actor, approval);
        if (invalid is not null)
            return invalid;
        var reasonText = ReasonText(AdjustmentReason.Expired);
        if (FirstResultOf(requestId) is { } first)
            return Replay(first, first.Type == LedgerEntryType.WrittenOff && first.Reason == reasonText && first.Lot == lot);

        var today = Today(now);
        var expired = _layers.Where(l => l.IsExpiredOn(today) && (lot is null || l.Lot == lot)).ToList();
        var expiredAvailable = Total(expired.Where(l => l.Status == StockStatus.Available));
        // Reserved stock is promised: if lots expired under reservations, those are released first (see LOT_EXPIRED).
        if (!Policy.AllowNegative && expiredAvailable > 0 && Sellable - expiredAvailable < Reserved)
            return Failure.InsufficientStock(Key, Math.Max(0m, Sellable - Reserved), expiredAvailable);

        // Built one after another: each entry's levels are those the previous one leaves (the same simulation Apply runs).
        var entries = new List<LedgerEntry>();
        var (onHand, quality, damaged, total) = (OnHand, QualityControl, Damaged, 0m);
        foreach (var status in Enum.GetValues<StockStatus>())
        {
            var layers = expired.Where(l => l.Status == status).OrderBy(l => l.ExpiresOn).ToList();
            var quantity = Total(layers);
            if (quantity == 0)
                continue;
            var plan = IssueCosting.Plan(layers, CostingMethod, quantity, AverageUnitCost, LastUnitCost);
            onHand -= quantity;
            if (status == StockStatus.QualityControl) quality -= quantity;
            if (status == StockStatus.Damaged) damaged -= quantity;
            total += plan.CostOfGoods;
            entries.Add(NewEntry(LedgerEntryType.WrittenOff, quantity, onHand, Reserved, actor, now, entries.Count) with
            {
                FromStatus = status,
                Reason = reasonText,
                Lot = lot,
                UnitCost = plan.CostOfGoods / quantity,
                TotalCost = plan.CostOfGoods,
                Draws = plan.Draws,
                QualityAfter = quality,
                DamagedAfter = damaged,
                Reference = reference,
                RequestId = entries.Count == 0 ? requestId : null,
            });
        }

        if (entries.Count == 0)
            return Levels(now);
        if (approval?.ApprovedBy is { } approver)
            entries = entries.Select(e => e with { ApprovedBy = approver.User, ApprovedRole = approver.Role }).ToList();
        else if (approval?.Limit is { } limit && total > limit)
            return StockFailures.ApprovalRequired(total, limit, onHand - OnHand);
        return Append(entries);
    }

    /// <summary>Whether <paramref name="quantity"/> can leave <paramref name="from"/> (and lot): it must be there and, if available, not promised.</summary>
    private Failure? CheckTake(decimal quantity, StockStatus from, string? lot, DateOnly today)
    {
        var have = Total(RemovalOrder(from, lot, today));
        if (have < quantity)
            return StockFailures.NotEnoughInStatus(Key, from, lot, have, quantity);
        if (from == StockStatus.Available && !Policy.AllowNegative && quantity > Sellable - Reserved)
            return Failure.InsufficientStock(Key, Math.Max(0m, Sellable - Reserved), quantity);
        return null;
    }

    private LedgerEntry WriteOffEntry(decimal quantity, StockStatus from, IReadOnlyList<CostLayer> order, string reasonText,
        Actor actor, DateTimeOffset now)
    {
        var plan = IssueCosting.Plan(order, CostingMethod, quantity, AverageUnitCost, LastUnitCost);
        return NewEntry(LedgerEntryType.WrittenOff, quantity, OnHand - quantity, Reserved, actor, now) with
        {
            FromStatus = from,
            Reason = reasonText,
            UnitCost = plan.CostOfGoods / quantity,
            TotalCost = plan.CostOfGoods,
            Draws = plan.Draws,
            QualityAfter = QualityControl - (from == StockStatus.QualityControl ? quantity : 0m),
            DamagedAfter = Damaged - (from == StockStatus.Damaged ? quantity : 0m),
        };
    }

    private static Failure? CheckWriteOffReason(AdjustmentReason reason) =>
        WriteOffReasons.Contains(reason) ? null : Failure.InvalidReason(reason);
}
