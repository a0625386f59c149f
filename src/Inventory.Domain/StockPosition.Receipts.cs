namespace Inventory.Domain;

// Stock coming in: receipts (with lots and quality status), purchase orders (incoming stock) and returns.
public sealed partial class StockPosition
{
    /// <summary>
    /// Stock arrives as a new layer in the receipt's status (its quality status), with its lot attributes. A receipt
    /// under an open purchase order settles up to that order's open quantity of incoming stock; more than ordered is
    /// accepted (an over-delivery), it just settles nothing beyond the order.
    /// </summary>
    public Result<Movement> Receive(ReceiveStock receipt, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = CheckQuantity(receipt.Quantity) ?? CheckUnitCost(receipt.UnitCost) ?? CheckRequestId(receipt.RequestId)
            ?? CheckStatus(receipt.Status) ?? CheckDates(receipt.ManufacturedOn, receipt.ExpiresOn);
        if (invalid is not null)
            return invalid;
        if (FirstResultOf(receipt.RequestId) is { } first)
        {
            return Replay(first, first.Type == LedgerEntryType.Received
                && first.Quantity == receipt.Quantity && first.UnitCost == receipt.UnitCost);
        }

        var settled = receipt.PurchaseOrder is { } purchaseOrder && _incoming.TryGetValue(purchaseOrder, out var order)
            ? Math.Min(order.Quantity, receipt.Quantity)
            : 0m;
        return Append(InflowEntry(LedgerEntryType.Received, receipt.Quantity, receipt.UnitCost, receipt.Status, actor, now) with
        {
            Lot = receipt.Lot,
            LotExpiresOn = receipt.ExpiresOn,
            ManufacturedOn = receipt.ManufacturedOn,
            Supplier = receipt.Supplier,
            PurchaseOrder = receipt.PurchaseOrder,
            IncomingAfter = Incoming - settled,
            Reference = receipt.Reference,
            RequestId = receipt.RequestId,
        });
    }

    /// <summary>Stock put on order under <paramref name="purchaseOrder"/>: incoming, not on hand.</summary>
    public Result<Movement> Order(string purchaseOrder, decimal quantity, Actor actor, DateTimeOffset now, string? supplier = null,
        string? reference = null, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = CheckPurchaseOrder(purchaseOrder) ?? CheckQuantity(quantity) ?? CheckRequestId(requestId);
        if (invalid is not null)
            return invalid;
        if (FirstResultOf(requestId) is { } first)
        {
            return Replay(first, first.Type == LedgerEntryType.Ordered
                && first.PurchaseOrder == purchaseOrder && first.Quantity == quantity);
        }

        if (Incoming + quantity > MaxQuantity)
            return Failure.QuantityTooLarge(Incoming + quantity, MaxQuantity);
        return Append(NewEntry(LedgerEntryType.Ordered, quantity, OnHand, Reserved, actor, now) with
        {
            PurchaseOrder = purchaseOrder,
            Supplier = supplier,
            IncomingAfter = Incoming + quantity,
            Reference = reference,
            RequestId = requestId,
        });
    }

    /// <summary>Cancels <paramref name="quantity"/> (default: all) of what is still open on a purchase order.</summary>
    public Result<Movement> CancelOrder(string purchaseOrder, decimal? quantity, Actor actor, DateTimeOffset now,
        string? reason = null, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = CheckPurchaseOrder(purchaseOrder) ?? (quantity is { } q ? CheckQuantity(q) : null) ?? CheckRequestId(requestId);
        if (invalid is not null)
            return invalid;
        if (FirstResultOf(requestId) is { } first)
        {
            return Replay(first, first.Type == LedgerEntryType.OrderCancelled
                && first.PurchaseOrder == purchaseOrder && (quantity is null || first.Quantity == quantity));
        }

        if (!_incoming.TryGetValue(purchaseOrder, out var order))
            return StockFailures.OrderNotFound(purchaseOrder);
        var cancelled = quantity ?? order.Quantity;
        if (cancelled > order.Quantity)
            return StockFailures.OrderExceeded(purchaseOrder, order.Quantity, cancelled);
        return Append(NewEntry(LedgerEntryType.OrderCancelled, cancelled, OnHand, Reserved, actor, now) with
        {
            PurchaseOrder = purchaseOrder,
            Supplier = order.Supplier,
            IncomingAfter = Incoming - cancelled,
            Reason = reason,
            RequestId = requestId,
        });
    }

    /// <summary>
    /// Goods coming back into stock, into available or (to be inspected first) quality control or damaged, as a new
    /// layer at <paramref name="unitCost"/> (default: the average, or the last purchase cost when nothing is on hand).
    /// </summary>
    public Result<Movement> Return(decimal quantity, decimal? unitCost, Actor actor, DateTimeOffset now,
        string? reference = null, string? requestId = null, StockStatus status = StockStatus.Available, string? lot = null,
        DateOnly? expiresOn = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = CheckQuantity(quantity) ?? (unitCost is { } cost ? CheckUnitCost(cost) : null) ?? CheckRequestId(requestId)
            ?? CheckStatus(status);
        if (invalid is not null)
            return invalid;
        if (FirstResultOf(requestId) is { } first)
        {
            return Replay(first, first.Type == LedgerEntryType.Returned
                && first.Quantity == quantity && (unitCost is null || first.UnitCost == unitCost)
                && (first.ToStatus ?? StockStatus.Available) == status);
        }

        return Append(InflowEntry(LedgerEntryType.Returned, quantity, unitCost ?? DefaultInboundUnitCost, status, actor, now) with
        {
            Lot = lot,
            LotExpiresOn = expiresOn,
            Reference = reference,
            RequestId = requestId,
        });
    }

    public Result<Movement> Return(ReturnStock goods, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(goods);
        return Return(goods.Quantity, goods.UnitCost, actor, now, goods.Reference, goods.RequestId, goods.Status, goods.Lot, goods.ExpiresOn);
    }

    // Stock that turns up without a price is valued at what the stock on hand is carried at, so that
    // finding it does not move the average; with nothing on hand, the last purchase cost is the best guess.
    private decimal DefaultInboundUnitCost => OnHand > 0 ? AverageUnitCost : LastUnitCost;

    /// <summary>An inflow of <paramref name="quantity"/> at <paramref name="unitCost"/> into <paramref name="status"/> (null in the ledger when available).</summary>
    private LedgerEntry InflowEntry(LedgerEntryType type, decimal quantity, decimal unitCost, StockStatus status, Actor actor, DateTimeOffset now) =>
        NewEntry(type, quantity, OnHand + quantity, Reserved, actor, now) with
        {
            UnitCost = unitCost,
            TotalCost = quantity * unitCost,
            ToStatus = status == StockStatus.Available ? null : status,
            QualityAfter = QualityControl + (status == StockStatus.QualityControl ? quantity : 0m),
            DamagedAfter = Damaged + (status == StockStatus.Damaged ? quantity : 0m),
        };

    private static Failure? CheckStatus(StockStatus status) =>
        Enum.IsDefined(status) ? null : StockFailures.InvalidStatus($"'{status}' is not a stock status.", status);

    private static Failure? CheckDates(DateOnly? manufacturedOn, DateOnly? expiresOn) =>
        manufacturedOn is { } made && expiresOn is { } expires && expires < made
            ? Failure.ValidationFailed("expiresOn", $"A lot cannot expire ({expires:yyyy-MM-dd}) before it was made ({made:yyyy-MM-dd}).")
            : null;

    private static Failure? CheckPurchaseOrder(string? purchaseOrder) =>
        string.IsNullOrWhiteSpace(purchaseOrder) ? Failure.ValidationFailed("purchaseOrder", "A purchase order is required.") : null;
}
