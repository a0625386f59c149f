namespace Inventory.Server.Model;

/// <summary>
/// POST /api/v1/transfers. transferId optional (derived from the Idempotency-Key, else generated). autoReceive
/// (default true) receives everything at the destination as soon as it is shipped; false leaves it in transit.
/// </summary>
public sealed record TransferRequestDto(string? TransferId, string? From, string? To, string? Sku, decimal? Quantity, string? Unit,
    string? Reference, bool? AutoReceive);

/// <summary>
/// POST /api/v1/transfers/{id}/receipts: quantity (in unit) taken from what is in transit in shipment order, or per
/// lot in lots; close records whatever is still in transit afterwards as lost (reason, default transit_loss).
/// </summary>
public sealed record TransferReceiptDto(decimal? Quantity, string? Unit, IReadOnlyList<TransferLotDto?>? Lots, bool? Close, string? Reason);

public sealed record TransferLotDto(string? Lot, decimal? Quantity);

/// <summary>POST /api/v1/transfers/{id}/close: record everything still in transit as lost at the destination.</summary>
public sealed record TransferCloseDto(string? Reason);

public sealed record TransferListResponse(IReadOnlyList<Inventory.Grains.Transfers.TransferView> Items);
