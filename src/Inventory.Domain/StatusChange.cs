namespace Inventory.Domain;

/// <summary>
/// Moves stock between statuses: QC release (quality control to available), QC reject (quality control to damaged),
/// found damaged (available to damaged), repaired (damaged to available) ... optionally only one lot's stock.
/// </summary>
[GenerateSerializer, Alias("inv.StatusChange"), Immutable]
public sealed record StatusChange(
    decimal Quantity,
    StockStatus From,
    StockStatus To,
    string? Lot = null,
    string? Reason = null,
    string? Reference = null,
    string? RequestId = null);
