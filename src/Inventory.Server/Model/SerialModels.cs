using Inventory.Domain.Serials;
using Inventory.Queries.Serials;

namespace Inventory.Server.Model;

/// <summary>POST /api/v1/serials/receipts: serials received into one position, one base unit each, at unitCost.</summary>
public sealed record SerialReceiptRequest(string? ReceiptId, string? Warehouse, string? Sku, IReadOnlyList<string?>? Serials,
    decimal? UnitCost, string? Reference);

public sealed record SerialReceiptResponse(
    string ReceiptId,
    string Warehouse,
    string Sku,
    IReadOnlyList<string> Registered,
    IReadOnlyList<string> AlreadyRegistered,
    decimal OnHand,
    decimal Available,
    bool Replayed);

/// <summary>POST /api/v1/serials/events: type invoice.created | invoice.cancelled | invoice.paid | order.delivered.</summary>
public sealed record SerialEventRequest(string? Type, IReadOnlyList<SerialRefDto?>? Serials, string? Reference, string? Reason);

public sealed record SerialRefDto(string? Sku, string? Serial);

/// <summary>POST /api/v1/serials/{sku}/{serial}/transitions: to available | reserved | sold | delivered.</summary>
public sealed record SerialTransitionRequest(string? To, string? Reference, string? Reason);

public sealed record SerialMoveResponse(string Sku, string Serial, string Warehouse, string From, string Status, string? Reference,
    decimal? CostOfGoods, bool Replayed);

public sealed record SerialEventResponse(string Type, string Reference, string Status, IReadOnlyList<SerialMoveResponse> Serials);

public sealed record SerialHistoryResponse(
    long? Seq, string Sku, string Serial, long Sequence, string? From, string To, string Reason, string? Reference,
    decimal? CostOfGoods, string User, string Role, DateTimeOffset At)
{
    public static SerialHistoryResponse Of(SerialHistoryRow row) => Of(row.Seq, row.Sku, row.Serial, row.Transition);

    public static SerialHistoryResponse Of(long? seq, string sku, string serial, SerialTransition t) => new(
        seq, sku, serial, t.Sequence, t.From is { } from ? SerialLifecycle.Name(from) : null, SerialLifecycle.Name(t.To), t.Reason,
        t.Reference, t.CostOfGoods, t.User, t.Role, t.At);
}

public sealed record SerialItemResponse(
    string Sku, string Serial, string Warehouse, string Status, string? Reference, long Sequence, decimal? CostOfGoods,
    string ReceiptId, DateTimeOffset RegisteredAt, DateTimeOffset UpdatedAt, IReadOnlyList<SerialHistoryResponse>? History)
{
    public static SerialItemResponse Of(SerialItem i, IReadOnlyList<SerialHistoryResponse>? history = null) => new(
        i.Sku, i.Serial, i.Warehouse, SerialLifecycle.Name(i.Status), i.Reference, i.Sequence, i.CostOfGoods, i.ReceiptId,
        i.RegisteredAt, i.UpdatedAt, history);
}

/// <summary>A page of serial items; pass <see cref="Next"/> ("SKU/SERIAL") as <c>after</c> for the next page.</summary>
public sealed record SerialListResponse(IReadOnlyList<SerialItemResponse> Items, string? Next);

/// <summary>A page of history entries; pass <see cref="NextAfterSeq"/> as <c>afterSeq</c> for the next page.</summary>
public sealed record SerialHistoryListResponse(IReadOnlyList<SerialHistoryResponse> Entries, long? NextAfterSeq);
