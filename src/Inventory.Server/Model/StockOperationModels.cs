using Inventory.Domain;
using Inventory.Grains.Approvals;
using Inventory.Grains.Positions;

namespace Inventory.Server.Model;

/// <summary>
/// POST .../status-changes: move quantity (in unit) from one status to another (available, quality_control, damaged),
/// optionally only from one lot: QC release, QC reject, found damaged, repaired.
/// </summary>
public sealed record StatusChangeRequest(decimal? Quantity, string? Unit, string? From, string? To, string? Lot, string? Reason, string? Reference);

/// <summary>POST .../write-offs: quantity (in unit) of one status (default available), optionally one lot, with a reason (damage, theft, expired, correction).</summary>
public sealed record WriteOffRequest(decimal? Quantity, string? Unit, string? Reason, string? Status, string? Lot, string? Reference);

/// <summary>POST .../write-offs/expired: every expired lot (or only lot) with reason expired.</summary>
public sealed record ExpiredWriteOffRequest(string? Lot, string? Reference);

/// <summary>POST .../orders: quantity (in unit) put on order under purchaseOrder: incoming, not on hand.</summary>
public sealed record OrderRequest(string? PurchaseOrder, decimal? Quantity, string? Unit, string? Supplier, string? Reference);

/// <summary>POST .../orders/{purchaseOrder}/cancel: cancel quantity (default: all that is open).</summary>
public sealed record CancelOrderRequest(decimal? Quantity, string? Unit, string? Reason);

/// <summary>GET .../lots: levels by state and per lot, as of today.</summary>
public sealed record LotsResponse(
    string Warehouse,
    string Sku,
    string BaseUnit,
    DateOnly Today,
    decimal OnHand,
    decimal Reserved,
    decimal QualityControl,
    decimal Damaged,
    decimal Expired,
    decimal SafetyStock,
    decimal Available,
    decimal Incoming,
    string RemovalStrategy,
    IReadOnlyList<LotResponse> Lots,
    IReadOnlyList<IncomingOrder> IncomingOrders)
{
    public static LotsResponse Of(StockView v, string baseUnit) => new(
        v.Warehouse, v.Sku, baseUnit, v.Today, v.OnHand, v.Reserved, v.QualityControl, v.Damaged, v.Expired, v.SafetyStock, v.Available,
        v.Incoming, v.RemovalStrategy.ToString().ToUpperInvariant(), [.. v.Lots.Select(LotResponse.Of)], v.IncomingOrders);
}

public sealed record LotResponse(string? Lot, DateOnly? ExpiresOn, DateOnly? ManufacturedOn, string? Supplier, decimal OnHand,
    decimal Available, decimal QualityControl, decimal Damaged, decimal Value, bool Expired)
{
    public static LotResponse Of(LotBalance l) =>
        new(l.Lot, l.ExpiresOn, l.ManufacturedOn, l.Supplier, l.OnHand, l.Available, l.QualityControl, l.Damaged, l.Value, l.Expired);
}

/// <summary>POST /api/v1/approvals/{id}/approve or /reject.</summary>
public sealed record ApprovalDecisionRequest(string? Note);

public sealed record ApprovalListResponse(IReadOnlyList<ApprovalView> Items);

/// <summary>A correction either applied (movement) or waiting for a manager (approval, answered 202).</summary>
public sealed record CorrectionOutcome(MovementResponse? Movement, ApprovalView? Approval);
