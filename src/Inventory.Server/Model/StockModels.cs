using Inventory.Domain;
using Inventory.Grains.Positions;
using Inventory.Queries;

namespace Inventory.Server.Model;

/// <summary>PUT /api/v1/stock/{warehouse}/{sku}/policy. Quantities in base units.</summary>
public sealed record PolicyRequest(decimal? ReorderPoint, decimal? ReorderQuantity, decimal? MaxStock, decimal? SafetyStock, bool? AllowNegative);

public sealed record PolicyDto(decimal? ReorderPoint, decimal? ReorderQuantity, decimal? MaxStock, decimal SafetyStock, bool AllowNegative)
{
    public static PolicyDto Of(StockPolicy p) => new(p.ReorderPoint, p.ReorderQuantity, p.MaxStock, p.SafetyStock, p.AllowNegative);
}

/// <summary>
/// POST .../receipts: quantity in <see cref="Unit"/> (default: the product's base unit), with the lot's attributes;
/// status is the receipt's quality status (available, quality_control, damaged; default available); a receipt under
/// an open purchaseOrder settles its incoming quantity.
/// </summary>
public sealed record ReceiptRequest(decimal? Quantity, string? Unit, decimal? UnitCost, string? Lot, DateOnly? ExpiresOn, string? Reference,
    string? Status = null, DateOnly? ManufacturedOn = null, string? Supplier = null, string? PurchaseOrder = null);

/// <summary>POST .../adjustments: a signed change of on hand with a reason.</summary>
public sealed record AdjustmentRequest(decimal? Delta, string? Unit, string? Reason, decimal? UnitCost, string? Reference);

/// <summary>
/// POST .../counts: the counted quantity of one status (default available: sellable stock, expired lots included);
/// with expectedOnHand, refused unless that quantity still equals it. The difference is posted, or waits for approval.
/// </summary>
public sealed record CountRequest(decimal? Counted, string? Unit, decimal? ExpectedOnHand, string? Reference, string? Status = null);

/// <summary>
/// POST .../returns: goods back into stock, at unitCost or (absent) the current average, into status available
/// (default), quality_control (to be inspected first) or damaged; optionally with their lot.
/// </summary>
public sealed record ReturnRequest(decimal? Quantity, string? Unit, decimal? UnitCost, string? Reference,
    string? Status = null, string? Lot = null, DateOnly? ExpiresOn = null);

/// <summary>One position's levels and configuration (quantities in the product's base unit).</summary>
public sealed record PositionResponse(
    string Warehouse,
    string Sku,
    string BaseUnit,
    decimal OnHand,
    decimal Reserved,
    decimal Available,
    string CostingMethod,
    decimal AverageUnitCost,
    PolicyDto Policy,
    int ActiveReservations,
    DateTimeOffset? NextExpiry,
    bool IsLow,
    bool IsOutOfStock,
    bool IsOverstock,
    long Sequence,
    decimal QualityControl,
    decimal Damaged,
    decimal Expired,
    decimal Incoming,
    string RemovalStrategy)
{
    public static PositionResponse Of(PositionView v, string baseUnit) => new(
        v.Warehouse, v.Sku, baseUnit, v.OnHand, v.Reserved, v.Available, v.CostingMethod.ToString().ToUpperInvariant(),
        v.AverageUnitCost, PolicyDto.Of(v.Policy), v.ActiveReservations, v.NextExpiry, v.IsLow, v.IsOutOfStock, v.IsOverstock, v.Sequence,
        v.QualityControl, v.Damaged, v.Expired, v.Incoming, v.RemovalStrategy.ToString().ToUpperInvariant());
}

/// <summary>The outcome of a receipt, adjustment, count or return: the quantity applied and the new levels.</summary>
public sealed record MovementResponse(
    string Warehouse,
    string Sku,
    string BaseUnit,
    decimal Quantity,
    decimal OnHand,
    decimal Reserved,
    decimal Available,
    decimal CostOfGoods,
    bool Replayed)
{
    public static MovementResponse Of(PositionKey key, string baseUnit, decimal quantity, Movement m) =>
        new(key.Warehouse, key.Sku, baseUnit, quantity, m.OnHand, m.Reserved, m.Available, m.CostOfGoods, m.Replayed);
}

public sealed record StockRowResponse(
    string Warehouse, string Sku, decimal OnHand, decimal Reserved, decimal Available,
    decimal? ReorderPoint, decimal SafetyStock, decimal? MaxStock, bool IsLow, long Sequence, DateTimeOffset UpdatedAt)
{
    public static StockRowResponse Of(StockRow r) =>
        new(r.Warehouse, r.Sku, r.OnHand, r.Reserved, r.Available, r.ReorderPoint, r.SafetyStock, r.MaxStock, r.IsLow, r.Sequence, r.UpdatedAt);
}

/// <summary>A page of the stock listing; pass <see cref="Next"/> as <c>after</c> for the next page.</summary>
public sealed record StockListResponse(IReadOnlyList<StockRowResponse> Items, string? Next);

public sealed record LedgerEntryResponse(
    long LedgerSeq, long Sequence, string Type, decimal Quantity, decimal? UnitCost, decimal TotalCost,
    decimal OnHandAfter, decimal ReservedAfter, string? ReservationId, DateTimeOffset? ExpiresAt, string? Reference,
    string? Reason, string? Lot, DateOnly? LotExpiresOn, string? RequestId, string User, string Role, DateTimeOffset At,
    string? FromStatus = null, string? ToStatus = null, DateOnly? ManufacturedOn = null, string? Supplier = null,
    string? PurchaseOrder = null, string? ApprovedBy = null, string? ApprovedRole = null, decimal QualityAfter = 0m,
    decimal DamagedAfter = 0m, decimal IncomingAfter = 0m, IReadOnlyList<LayerDraw>? Draws = null)
{
    public static LedgerEntryResponse Of(long ledgerSeq, LedgerEntry e) => new(
        ledgerSeq, e.Sequence, LedgerEntryTypes.Name(e.Type), e.Quantity, e.UnitCost, e.TotalCost,
        e.OnHandAfter, e.ReservedAfter, e.ReservationId, e.ExpiresAt, e.Reference, e.Reason, e.Lot, e.LotExpiresOn,
        e.RequestId, e.User, e.Role, e.At,
        e.FromStatus is { } from ? StockFailures.Name(from) : null, e.ToStatus is { } to ? StockFailures.Name(to) : null,
        e.ManufacturedOn, e.Supplier, e.PurchaseOrder, e.ApprovedBy, e.ApprovedRole, e.QualityAfter, e.DamagedAfter, e.IncomingAfter,
        e.Draws.Count == 0 ? null : e.Draws);
}

/// <summary>A page of a position's ledger; pass <see cref="NextAfterSeq"/> as <c>afterSeq</c> for the next page.</summary>
public sealed record LedgerResponse(string Warehouse, string Sku, IReadOnlyList<LedgerEntryResponse> Entries, long? NextAfterSeq);

/// <summary>POST /api/v1/stock/receipts/bulk.</summary>
public sealed record BulkReceiptRequest(IReadOnlyList<BulkReceiptItem?>? Items);

public sealed record BulkReceiptItem(string? Warehouse, string? Sku, decimal? Quantity, string? Unit, decimal? UnitCost,
    string? Lot, DateOnly? ExpiresOn, string? Reference, string? Status = null, DateOnly? ManufacturedOn = null, string? Supplier = null,
    string? PurchaseOrder = null);

/// <summary>POST /api/v1/stock/adjustments/bulk.</summary>
public sealed record BulkAdjustmentRequest(IReadOnlyList<BulkAdjustmentItem?>? Items);

public sealed record BulkAdjustmentItem(string? Warehouse, string? Sku, decimal? Delta, string? Unit, string? Reason,
    decimal? UnitCost, string? Reference);

/// <summary>One item's own outcome: <see cref="Result"/> when it succeeded, else <see cref="Error"/>.</summary>
public sealed record BulkItemResult(int Index, int Status, MovementResponse? Result, BulkError? Error);

public sealed record BulkError(string Code, string Message, IReadOnlyDictionary<string, object?>? Details);

public sealed record BulkResponse(int Succeeded, int Failed, IReadOnlyList<BulkItemResult> Results);
