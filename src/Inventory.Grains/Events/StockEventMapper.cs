using Inventory.Domain;

namespace Inventory.Grains.Events;

/// <summary>
/// Turns committed ledger rows into <see cref="StockEvent"/>s: one stock.* event per row, and after the last row
/// of each position in the batch one level.changed with that position's levels (so a batch that touches a
/// position many times yields one level change for it). Pure: the same rows always give the same events.
/// </summary>
public static class StockEventMapper
{
    /// <summary>
    /// A reference names a stock transfer when it starts with "transfer:" or "TRF-" (any case), the convention the
    /// transfer flow writes on both legs of a move.
    /// </summary>
    public static bool IsTransferReference(string? reference) =>
        reference is not null &&
        (reference.StartsWith("transfer:", StringComparison.OrdinalIgnoreCase) || reference.StartsWith("TRF-", StringComparison.OrdinalIgnoreCase));

    // Entry types whose effect on available is known; a type added later counts as 0 until it is listed here.
    private static readonly Dictionary<string, int> AvailableSign = new(StringComparer.Ordinal)
    {
        ["received"] = 1,
        ["returned"] = 1,
        ["adjusted"] = 1,
        ["released"] = 1,
        ["expired"] = 1,
        ["transfer_received"] = 1,
        ["reserved"] = -1,
        ["written_off"] = -1,
        ["transfer_shipped"] = -1,
    };

    private static readonly Dictionary<string, string> EventTypes = new(StringComparer.Ordinal)
    {
        ["received"] = InventoryEventTypes.StockReceived,
        ["reserved"] = InventoryEventTypes.StockReserved,
        ["reservation_extended"] = InventoryEventTypes.StockExtended,
        ["committed"] = InventoryEventTypes.StockCommitted,
        ["released"] = InventoryEventTypes.StockReleased,
        ["expired"] = InventoryEventTypes.StockExpired,
        ["adjusted"] = InventoryEventTypes.StockAdjusted,
        ["returned"] = InventoryEventTypes.StockReturned,
        ["transfer_shipped"] = InventoryEventTypes.StockTransferred,
        ["transfer_received"] = InventoryEventTypes.StockTransferred,
        ["transit_loss"] = InventoryEventTypes.StockTransferred,
        ["written_off"] = InventoryEventTypes.StockWrittenOff,
        ["status_changed"] = InventoryEventTypes.StockStatusChanged,
        ["ordered"] = InventoryEventTypes.StockOrdered,
        ["order_cancelled"] = InventoryEventTypes.StockOrderCancelled,
    };

    /// <summary>
    /// stock.&lt;entry&gt; for the movement types of the contract table; transfer legs (transfer_shipped,
    /// transfer_received, or a transfer reference on a receipt, issue or adjustment) are stock.transferred; an entry
    /// type this version does not list is published as stock.&lt;entry name&gt;.
    /// </summary>
    public static string EventType(LedgerEntry entry)
    {
        var name = LedgerEntryTypes.Name(entry.Type);
        if (IsTransferReference(entry.Reference) && name is "received" or "committed" or "adjusted" or "returned")
            return InventoryEventTypes.StockTransferred;
        return EventTypes.TryGetValue(name, out var type) ? type : "stock." + name;
    }

    /// <summary>
    /// How much an entry changed the position's available quantity (committed: on hand and reserved both drop). Stock
    /// that comes in to, or leaves from, quality control or damaged never was available; a status change moves
    /// available stock only when one of its ends is available.
    /// </summary>
    public static decimal AvailableDelta(LedgerEntry entry)
    {
        if (entry.Type == LedgerEntryType.StatusChanged)
            return (entry.ToStatus == StockStatus.Available ? entry.Quantity : 0m) - (entry.FromStatus == StockStatus.Available ? entry.Quantity : 0m);
        if (entry.ToStatus is { } to && to != StockStatus.Available && entry.Quantity > 0 && entry.Type != LedgerEntryType.WrittenOff)
            return 0m;
        if (entry.FromStatus is { } from && from != StockStatus.Available)
            return 0m;
        return AvailableSign.TryGetValue(LedgerEntryTypes.Name(entry.Type), out var sign) ? sign * entry.Quantity : 0m;
    }

    /// <summary>Available right after an entry, from the levels it recorded (lot expiry and safety stock aside).</summary>
    public static decimal AvailableAfter(LedgerEntry entry) =>
        entry.OnHandAfter - entry.ReservedAfter - entry.QualityAfter - entry.DamagedAfter;

    public static StockEvent ToEvent(long seq, LedgerEntry entry) => new(
        EventType(entry),
        StockEvent.CurrentVersion,
        seq,
        entry.Position.Warehouse,
        entry.Position.Sku,
        LedgerEntryTypes.Name(entry.Type),
        entry.Quantity,
        entry.OnHandAfter,
        entry.ReservedAfter,
        AvailableAfter(entry),
        entry.ReservationId,
        entry.ExpiresAt,
        entry.Reference,
        entry.Reason,
        entry.Lot,
        entry.UnitCost,
        entry.TotalCost,
        entry.User,
        entry.Role,
        entry.At);

    /// <summary>The events of a batch of committed rows, given in ledger order.</summary>
    public static IReadOnlyList<StockEvent> Map(IReadOnlyList<(long Seq, LedgerEntry Entry)> rows)
    {
        // Index of each position's last row, and the net change of available over the batch.
        var last = new Dictionary<PositionKey, int>();
        var netAvailable = new Dictionary<PositionKey, decimal>();
        for (var i = 0; i < rows.Count; i++)
        {
            var entry = rows[i].Entry;
            last[entry.Position] = i;
            netAvailable[entry.Position] = netAvailable.GetValueOrDefault(entry.Position) + AvailableDelta(entry);
        }

        var events = new List<StockEvent>(rows.Count + last.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (seq, entry) = rows[i];
            events.Add(ToEvent(seq, entry));
            if (last[entry.Position] == i)
                events.Add(LevelChanged(seq, entry, netAvailable[entry.Position]));
        }
        return events;
    }

    private static StockEvent LevelChanged(long seq, LedgerEntry lastEntry, decimal availableChange) => new(
        InventoryEventTypes.LevelChanged,
        StockEvent.CurrentVersion,
        seq,
        lastEntry.Position.Warehouse,
        lastEntry.Position.Sku,
        Entry: null,
        availableChange,
        lastEntry.OnHandAfter,
        lastEntry.ReservedAfter,
        AvailableAfter(lastEntry),
        lastEntry.ReservationId,
        ExpiresAt: null,
        lastEntry.Reference,
        Reason: null,
        Lot: null,
        UnitCost: null,
        TotalCost: null,
        lastEntry.User,
        lastEntry.Role,
        lastEntry.At);
}
