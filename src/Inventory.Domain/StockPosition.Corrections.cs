namespace Inventory.Domain;

// Corrections of the record of what is on the shelf: adjustments and counts. Both are subject to the approval limit
// (see Approval): a correction worth more waits for a manager, and only the approved one moves stock.
public sealed partial class StockPosition
{
    /// <summary>
    /// Corrects available stock by <paramref name="delta"/>. Stock found comes in as a new layer at
    /// <paramref name="unitCost"/> (default: the average, or the last purchase cost when nothing is on hand);
    /// stock lost leaves from expired lots first, then in the removal strategy's order, charged by the costing method
    /// (<paramref name="unitCost"/> is then ignored). Losing more than is sellable and unreserved is refused unless the
    /// policy allows negative stock (safety stock does not protect against a loss that happened).
    /// </summary>
    public Result<Movement> Adjust(decimal delta, AdjustmentReason reason, Actor actor, DateTimeOffset now,
        decimal? unitCost = null, string? reference = null, string? requestId = null, Approval? approval = null,
        StockStatus status = StockStatus.Available)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = (delta == 0 ? Failure.InvalidQuantity(delta) : CheckQuantity(Math.Abs(delta)))
            ?? (Enum.IsDefined(reason) ? null : Failure.InvalidReason(reason))
            ?? (unitCost is { } cost ? CheckUnitCost(cost) : null)
            ?? CheckRequestId(requestId)
            ?? CheckStatus(status)
            ?? CheckApprover(actor, approval);
        if (invalid is not null)
            return invalid;
        var reasonText = ReasonText(reason);
        if (FirstResultOf(requestId) is { } first)
        {
            return Replay(first, first.Type == LedgerEntryType.Adjusted
                && first.Quantity == delta && first.Reason == reasonText);
        }

        if (status != StockStatus.Available && delta < 0 && -delta > InStatus(status))
            return StockFailures.NotEnoughInStatus(Key, status, null, InStatus(status), -delta);
        if (status == StockStatus.Available && delta < 0 && !Policy.AllowNegative && -delta > Sellable - Reserved)
            return Failure.InsufficientStock(Key, Math.Max(0m, Sellable - Reserved), -delta);

        var entry = AdjustmentEntry(delta, status, reasonText, unitCost, actor, now);
        return AppendCorrection(entry with { Reference = reference, RequestId = requestId }, approval);
    }

    /// <summary>
    /// Cycle count: records that <paramref name="counted"/> units are in <paramref name="status"/> (default available,
    /// which includes expired lots not yet written off) and posts the difference as an adjustment with reason count.
    /// With <paramref name="expectedOnHand"/>, refuses with COUNT_MISMATCH unless it equals the current quantity.
    /// </summary>
    /// <remarks>
    /// A count that would leave available stock below what is reserved is refused (INSUFFICIENT_STOCK) unless the
    /// policy allows negative stock. The shelf is the truth, but silently accepting such a count would leave
    /// promised orders unbacked: available would go negative, which is exactly the overselling this position
    /// exists to prevent. Refusing makes the shortfall visible; the operator releases or re-sources the
    /// affected reservations first and counts again. Counts that raise stock are always accepted.
    /// A count equal to the current quantity appends nothing, so its request id is not remembered (re-counting is harmless).
    /// </remarks>
    public Result<Movement> SetCount(decimal counted, decimal? expectedOnHand, Actor actor, DateTimeOffset now,
        string? reference = null, string? requestId = null, Approval? approval = null, StockStatus status = StockStatus.Available)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = (counted < 0 ? Failure.NegativeCount(counted) : null)
            ?? (counted > MaxQuantity ? Failure.QuantityTooLarge(counted, MaxQuantity) : null)
            ?? CheckRequestId(requestId)
            ?? CheckStatus(status)
            ?? CheckApprover(actor, approval);
        if (invalid is not null)
            return invalid;
        var reasonText = ReasonText(AdjustmentReason.Count);
        if (FirstResultOf(requestId) is { } first)
        {
            return Replay(first, first.Type == LedgerEntryType.Adjusted && first.Reason == reasonText
                && StatusOf(first) == status && InStatusAfter(first, status) == counted);
        }

        var current = InStatus(status);
        if (expectedOnHand is { } expected && expected != current)
            return Failure.CountMismatch(expected, current);
        var delta = counted - current;
        if (delta == 0)
            return Levels(now);
        if (status == StockStatus.Available && delta < 0 && counted < Reserved && !Policy.AllowNegative)
            return Failure.InsufficientStock(Key, Math.Max(0m, Sellable - Reserved), -delta);

        var entry = AdjustmentEntry(delta, status, reasonText, unitCost: null, actor, now);
        return AppendCorrection(entry with { Reference = reference, RequestId = requestId }, approval);
    }

    private LedgerEntry AdjustmentEntry(decimal delta, StockStatus status, string reasonText, decimal? unitCost, Actor actor, DateTimeOffset now)
    {
        if (delta > 0)
            return InflowEntry(LedgerEntryType.Adjusted, delta, unitCost ?? DefaultInboundUnitCost, status, actor, now) with { Reason = reasonText };

        var plan = IssueCosting.Plan(RemovalOrder(status, null, Today(now)), CostingMethod, -delta, AverageUnitCost, LastUnitCost);
        return NewEntry(LedgerEntryType.Adjusted, delta, OnHand + delta, Reserved, actor, now) with
        {
            Reason = reasonText,
            UnitCost = plan.CostOfGoods / -delta,
            TotalCost = plan.CostOfGoods,
            Draws = plan.Draws,
            FromStatus = status == StockStatus.Available ? null : status,
            QualityAfter = QualityControl + (status == StockStatus.QualityControl ? delta : 0m),
            DamagedAfter = Damaged + (status == StockStatus.Damaged ? delta : 0m),
        };
    }

    /// <summary>
    /// Appends a correction unless it needs an approval it does not have. Its value is its total cost: quantity x the
    /// unit cost it comes in at, or the cost of the layers it takes.
    /// </summary>
    private Result<Movement> AppendCorrection(LedgerEntry entry, Approval? approval)
    {
        if (approval?.ApprovedBy is { } approver)
            return Append(entry with { ApprovedBy = approver.User, ApprovedRole = approver.Role });
        if (approval?.Limit is { } limit && entry.TotalCost > limit)
            return StockFailures.ApprovalRequired(entry.TotalCost, limit, OnHandChange(entry));
        return Append(entry);
    }

    /// <summary>Applies one correction (adjustment, count, write-off, expired write-off) under <paramref name="approval"/>.</summary>
    public Result<Movement> Correct(StockCorrection correction, Actor actor, DateTimeOffset now, Approval? approval = null)
    {
        ArgumentNullException.ThrowIfNull(correction);
        var c = correction;
        return c.Kind switch
        {
            CorrectionKind.Adjustment => Adjust(c.Quantity, c.Reason, actor, now, c.UnitCost, c.Reference, c.RequestId, approval, c.Status),
            CorrectionKind.Count => SetCount(c.Quantity, c.ExpectedOnHand, actor, now, c.Reference, c.RequestId, approval, c.Status),
            CorrectionKind.WriteOff => WriteOff(c.Quantity, c.Reason, c.Status, actor, now, c.Lot, c.Reference, c.RequestId, approval),
            CorrectionKind.ExpiredWriteOff => WriteOffExpired(actor, now, c.Lot, c.Reference, c.RequestId, approval),
            _ => Failure.ValidationFailed("kind", $"'{c.Kind}' is not a kind of correction."),
        };
    }

    /// <summary>How an entry changes on hand: signed for adjustments, negative for write-offs.</summary>
    private static decimal OnHandChange(LedgerEntry entry) => entry.Type == LedgerEntryType.Adjusted ? entry.Quantity : -entry.Quantity;

    private static Failure? CheckApprover(Actor requester, Approval? approval)
    {
        if (approval?.Limit is < 0)
            return Failure.ValidationFailed("approvalLimit", "An approval limit cannot be negative.");
        return approval?.ApprovedBy is { } approver && string.Equals(approver.User, requester.User, StringComparison.Ordinal)
            ? StockFailures.SelfApproval(requester.User)
            : null;
    }

    /// <summary>The status an entry put stock in (inflow) or took it from (outflow).</summary>
    private static StockStatus StatusOf(LedgerEntry entry) =>
        (entry.Quantity > 0 && entry.Type != LedgerEntryType.WrittenOff ? entry.ToStatus : entry.FromStatus) ?? StockStatus.Available;

    /// <summary>The quantity in <paramref name="status"/> right after <paramref name="entry"/>.</summary>
    private static decimal InStatusAfter(LedgerEntry entry, StockStatus status) => status switch
    {
        StockStatus.QualityControl => entry.QualityAfter,
        StockStatus.Damaged => entry.DamagedAfter,
        _ => entry.OnHandAfter - entry.QualityAfter - entry.DamagedAfter,
    };
}
