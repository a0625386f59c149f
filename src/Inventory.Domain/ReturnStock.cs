namespace Inventory.Domain;

/// <summary>
/// Goods coming back, in base units: into available, or into quality control (to be inspected first) or damaged;
/// at <see cref="UnitCost"/>, or (null) what stock on hand is carried at.
/// </summary>
[GenerateSerializer, Alias("inv.ReturnStock"), Immutable]
public sealed record ReturnStock(
    decimal Quantity,
    decimal? UnitCost = null,
    StockStatus Status = StockStatus.Available,
    string? Lot = null,
    DateOnly? ExpiresOn = null,
    string? Reference = null,
    string? RequestId = null);
