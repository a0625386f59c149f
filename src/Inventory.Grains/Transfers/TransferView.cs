namespace Inventory.Grains.Transfers;

/// <summary>
/// What callers see of a transfer. Quantities in base units; values at the cost the goods left the source with.
/// <see cref="ShortQuantity"/> is shipped minus received: still in transit, or lost if the transfer was closed short.
/// </summary>
[GenerateSerializer, Alias("inv.TransferView"), Immutable]
public sealed record TransferView(
    string TransferId,
    string Status,
    string From,
    string To,
    string Sku,
    decimal Quantity,
    decimal? UnitCost,
    decimal? CostOfGoods,
    string? Reference,
    bool AutoReceive,
    decimal ShippedQuantity,
    decimal ReceivedQuantity,
    decimal InTransitQuantity,
    decimal InTransitValue,
    decimal ShortQuantity,
    decimal LostQuantity,
    decimal LostValue,
    string? CloseReason,
    IReadOnlyList<TransferReceiptView> Receipts,
    IReadOnlyList<TransitLineView> InTransit,
    string? FailureCode,
    string? FailureMessage,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TransferView Of(TransferRecord r) => new(
        r.Id,
        TransferRecord.StatusName(r.Status),
        r.Request.From,
        r.Request.To,
        r.Request.Sku,
        r.Request.Quantity,
        r.CostOfGoods is { } cost && r.Request.Quantity != 0 ? cost / r.Request.Quantity : null,
        r.CostOfGoods,
        r.Request.Reference,
        r.Request.AutoReceive,
        r.ShippedQuantity,
        r.ReceivedQuantity,
        r.InTransitQuantity,
        r.InTransitValue,
        r.ShippedQuantity - r.ReceivedQuantity,
        r.Loss?.Quantity ?? 0m,
        r.Loss?.Value ?? 0m,
        r.CloseReason,
        [.. r.Receipts.Select(TransferReceiptView.Of)],
        [.. r.InTransit.Select(TransitLineView.Of)],
        r.FailureCode,
        r.FailureMessage,
        r.CreatedBy.User,
        r.CreatedAt,
        r.UpdatedAt);
}

[GenerateSerializer, Alias("inv.TransferReceiptView"), Immutable]
public sealed record TransferReceiptView(int Number, decimal Quantity, decimal Value, string ReceivedBy, DateTimeOffset At)
{
    public static TransferReceiptView Of(TransferReceipt r) => new(r.Number, r.Quantity, r.Value, r.ReceivedBy.User, r.At);
}

/// <summary>Goods on the way: a quantity of one lot at the unit cost it left the source with.</summary>
[GenerateSerializer, Alias("inv.TransitLineView"), Immutable]
public sealed record TransitLineView(string? Lot, DateOnly? ExpiresOn, decimal Quantity, decimal UnitCost)
{
    public static TransitLineView Of(Inventory.Domain.LayerDraw d) => new(d.Lot, d.ExpiresOn, d.Quantity, d.UnitCost);
}
