namespace Inventory.Grains.Events;

/// <summary>
/// Contract version 1 of a stock event: one committed ledger entry (stock.*), or the levels of a position after a
/// batch (level.changed). Built only from rows read back from the committed ledger, so an event never describes
/// a change that was not durably committed; <see cref="LedgerSeq"/> is the row's global ledger sequence number
/// (stock_ledger.seq), which consumers use as their checkpoint and to drop duplicates.
/// </summary>
/// <param name="Type">One of the stock.* names or level.changed (<see cref="InventoryEventTypes"/>).</param>
/// <param name="Version">Always <see cref="CurrentVersion"/> for events built by this code.</param>
/// <param name="LedgerSeq">Global ledger sequence of the entry; for level.changed, of the position's last entry in the batch.</param>
/// <param name="Warehouse">Warehouse code of the position.</param>
/// <param name="Sku">SKU of the position.</param>
/// <param name="Entry">The ledger entry type (received, reserved, ..., returned); null for level.changed.</param>
/// <param name="Quantity">
/// Size of the movement in base units (signed for stock.adjusted). For level.changed, the net change of
/// <see cref="Available"/> made by the batch (negative when stock was reserved or removed).
/// </param>
/// <param name="OnHand">On hand after the entry (after the batch for level.changed).</param>
/// <param name="Reserved">Reserved after the entry.</param>
/// <param name="Available">OnHand - Reserved - quality control - damaged after the entry (lot expiry and safety stock aside).</param>
/// <param name="ReservationId">The reservation the entry belongs to, if any.</param>
/// <param name="ExpiresAt">When the reservation expires (stock.reserved, stock.extended); null otherwise.</param>
/// <param name="Reference">Business reference (order, purchase order, transfer), if any.</param>
/// <param name="Reason">Adjustment reason or free note, if any.</param>
/// <param name="Lot">Lot of a receipt, if any.</param>
/// <param name="UnitCost">Unit cost of the movement: cost data, stripped for roles that may not see costs.</param>
/// <param name="TotalCost">Value moved: cost data, stripped for roles that may not see costs.</param>
/// <param name="User">Who made the change.</param>
/// <param name="Role">The role they acted in.</param>
/// <param name="At">When the change was made (the ledger entry's time).</param>
[GenerateSerializer, Alias("inv.StockEvent"), Immutable]
public sealed record StockEvent(
    string Type,
    int Version,
    long LedgerSeq,
    string Warehouse,
    string Sku,
    string? Entry,
    decimal Quantity,
    decimal OnHand,
    decimal Reserved,
    decimal Available,
    string? ReservationId,
    DateTimeOffset? ExpiresAt,
    string? Reference,
    string? Reason,
    string? Lot,
    decimal? UnitCost,
    decimal? TotalCost,
    string User,
    string Role,
    DateTimeOffset At) : IInventoryEvent
{
    public const int CurrentVersion = 1;

    /// <summary>The same event without cost figures, for readers whose role may not see costs.</summary>
    public StockEvent WithoutCosts() => UnitCost is null && TotalCost is null ? this : this with { UnitCost = null, TotalCost = null };
}
