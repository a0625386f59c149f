namespace Inventory.Domain;

// The two legs of a transfer between warehouses. The source ships (stock leaves with its layers: the draws carry cost
// and lot, and travel in transit); the destination receives what arrived as layers at that cost, and records what never
// arrived as a transit loss. Each leg is idempotent by its request id, so a transfer can repeat a step after a crash.
public sealed partial class StockPosition
{
    /// <summary>
    /// Ships <paramref name="quantity"/> to another warehouse: picked like a commit (removal strategy, never an expired
    /// lot) and limited to what is available (reserved stock, safety stock, quality control and damaged stay). The
    /// movement's <see cref="Movement.Draws"/> are the goods in transit; a replay returns the first shipment's draws.
    /// </summary>
    public Result<Movement> Ship(decimal quantity, Actor actor, DateTimeOffset now, string? reference = null, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = CheckQuantity(quantity) ?? CheckRequestId(requestId);
        if (invalid is not null)
            return invalid;
        if (FirstResultOf(requestId) is { } first)
            return Replay(first, first.Type == LedgerEntryType.TransferShipped && first.Quantity == quantity);

        var today = Today(now);
        if (!Policy.AllowNegative && quantity > AvailableOn(today))
            return Failure.InsufficientStock(Key, AvailableOn(today), quantity);
        if (Pick(quantity, today) is not { } plan)
            return PickFailure(quantity, today);
        return Append(NewEntry(LedgerEntryType.TransferShipped, quantity, OnHand - quantity, Reserved, actor, now) with
        {
            UnitCost = plan.CostOfGoods / quantity,
            TotalCost = plan.CostOfGoods,
            Draws = plan.Draws,
            Reference = reference,
            RequestId = requestId,
        });
    }

    /// <summary>
    /// Receives goods of a transfer: one transfer_received entry per line, each a new layer at the line's unit cost
    /// with its lot attributes, in <paramref name="status"/>. The first entry carries the request id.
    /// </summary>
    public Result<Movement> ReceiveTransfer(IReadOnlyList<LayerDraw> lines, Actor actor, DateTimeOffset now, string? reference = null,
        string? requestId = null, StockStatus status = StockStatus.Available)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = CheckLines(lines) ?? CheckRequestId(requestId) ?? CheckStatus(status);
        if (invalid is not null)
            return invalid;
        var quantity = lines.Sum(l => l.Quantity);
        if (FirstResultOf(requestId) is { } first)
            return Replay(first, first.Type == LedgerEntryType.TransferReceived && first.Quantity == lines[0].Quantity);

        var entries = new List<LedgerEntry>(lines.Count);
        var (onHand, quality, damaged) = (OnHand, QualityControl, Damaged);
        foreach (var line in lines)
        {
            onHand += line.Quantity;
            if (status == StockStatus.QualityControl) quality += line.Quantity;
            if (status == StockStatus.Damaged) damaged += line.Quantity;
            entries.Add(NewEntry(LedgerEntryType.TransferReceived, line.Quantity, onHand, Reserved, actor, now, entries.Count) with
            {
                UnitCost = line.UnitCost,
                TotalCost = line.Quantity * line.UnitCost,
                ToStatus = status == StockStatus.Available ? null : status,
                QualityAfter = quality,
                DamagedAfter = damaged,
                Lot = line.Lot,
                LotExpiresOn = line.ExpiresOn,
                ManufacturedOn = line.ManufacturedOn,
                Supplier = line.Supplier,
                PurchaseOrder = line.PurchaseOrder,
                Reference = reference,
                RequestId = entries.Count == 0 ? requestId : null,
            });
        }

        return quantity > MaxQuantity ? Failure.QuantityTooLarge(quantity, MaxQuantity) : Append(entries);
    }

    /// <summary>
    /// Records goods shipped to this position that never arrived (a transfer closed short): levels unchanged; the entry
    /// holds the lost lines as its draws and their value as its total cost.
    /// </summary>
    public Result<Movement> RecordTransitLoss(IReadOnlyList<LayerDraw> lines, string reason, Actor actor, DateTimeOffset now,
        string? reference = null, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = CheckLines(lines) ?? CheckRequestId(requestId)
            ?? (string.IsNullOrWhiteSpace(reason) ? Failure.ValidationFailed("reason", "A transit loss needs a reason.") : null);
        if (invalid is not null)
            return invalid;
        var quantity = lines.Sum(l => l.Quantity);
        if (FirstResultOf(requestId) is { } first)
            return Replay(first, first.Type == LedgerEntryType.TransitLoss && first.Quantity == quantity);
        if (quantity > MaxQuantity)
            return Failure.QuantityTooLarge(quantity, MaxQuantity);

        var value = lines.Sum(l => l.Quantity * l.UnitCost);
        return Append(NewEntry(LedgerEntryType.TransitLoss, quantity, OnHand, Reserved, actor, now) with
        {
            UnitCost = value / quantity,
            TotalCost = value,
            Draws = [.. lines],
            Reason = reason,
            Reference = reference,
            RequestId = requestId,
        });
    }

    private static Failure? CheckLines(IReadOnlyList<LayerDraw>? lines)
    {
        if (lines is null || lines.Count == 0)
            return Failure.ValidationFailed("lines", "At least one line is required.");
        foreach (var line in lines)
        {
            if ((CheckQuantity(line.Quantity) ?? CheckUnitCost(line.UnitCost)) is { } invalid)
                return invalid;
        }

        return null;
    }
}
