namespace Inventory.Queries.Admin;

/// <summary>One ledger entry across positions, by its global sequence (for tail and export).</summary>
public sealed record LedgerRow(
    long Seq,
    string Warehouse,
    string Sku,
    long PositionSeq,
    string Type,
    decimal Quantity,
    decimal? UnitCost,
    decimal TotalCost,
    decimal OnHandAfter,
    decimal ReservedAfter,
    string? ReservationId,
    DateTimeOffset? ExpiresAt,
    string? Reference,
    string? Reason,
    string? Lot,
    DateOnly? LotExpiresOn,
    string? RequestId,
    string User,
    string Role,
    DateTimeOffset At);
