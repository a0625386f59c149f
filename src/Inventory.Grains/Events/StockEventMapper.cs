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

    /// <summary>The ledger's stored name of an entry type: received, reserved, reservation_extended, ...</summary>
    public static string EntryName(LedgerEntryType type) => type switch
    {
        LedgerEntryType.Received => "received",
        LedgerEntryType.Reserved => "reserved",
        LedgerEntryType.ReservationExtended => "reservation_extended",
        LedgerEntryType.Committed => "committed",
        LedgerEntryType.Released => "released",
        LedgerEntryType.Expired => "expired",
        LedgerEntryType.Adjusted => "adjusted",
        LedgerEntryType.Returned => "returned",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown ledger entry type."),
    };

    public static string EventType(LedgerEntry entry)
    {
        if (IsTransferReference(entry.Reference) && entry.Type is not (LedgerEntryType.Reserved or LedgerEntryType.ReservationExtended
                or LedgerEntryType.Released or LedgerEntryType.Expired))
            return InventoryEventTypes.StockTransferred;
        return entry.Type switch
        {
            LedgerEntryType.Received => InventoryEventTypes.StockReceived,
            LedgerEntryType.Reserved => InventoryEventTypes.StockReserved,
            LedgerEntryType.ReservationExtended => InventoryEventTypes.StockExtended,
            LedgerEntryType.Committed => InventoryEventTypes.StockCommitted,
            LedgerEntryType.Released => InventoryEventTypes.StockReleased,
            LedgerEntryType.Expired => InventoryEventTypes.StockExpired,
            LedgerEntryType.Adjusted => InventoryEventTypes.StockAdjusted,
            LedgerEntryType.Returned => InventoryEventTypes.StockReturned,
            _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.Type, "Unknown ledger entry type."),
        };
    }

    /// <summary>How much an entry changed the position's available quantity.</summary>
    public static decimal AvailableDelta(LedgerEntry entry) => entry.Type switch
    {
        LedgerEntryType.Received or LedgerEntryType.Returned or LedgerEntryType.Adjusted => entry.Quantity,
        LedgerEntryType.Released or LedgerEntryType.Expired => entry.Quantity,
        LedgerEntryType.Reserved => -entry.Quantity,
        _ => 0m, // committed: on hand and reserved both drop; extended: nothing moves
    };

    public static StockEvent ToEvent(long seq, LedgerEntry entry) => new(
        EventType(entry),
        StockEvent.CurrentVersion,
        seq,
        entry.Position.Warehouse,
        entry.Position.Sku,
        EntryName(entry.Type),
        entry.Quantity,
        entry.OnHandAfter,
        entry.ReservedAfter,
        entry.OnHandAfter - entry.ReservedAfter,
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
        lastEntry.OnHandAfter - lastEntry.ReservedAfter,
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
