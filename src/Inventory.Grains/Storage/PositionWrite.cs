using Inventory.Domain;
using Inventory.Domain.Reservations;

namespace Inventory.Grains.Storage;

/// <summary>
/// One group commit of one position: its new ledger entries, the summary snapshot that readers query (levels,
/// layers, configuration — written every commit) and, now and then, the full snapshot recovery starts from
/// (<see cref="Recovery"/>; null leaves the previous one, and loading replays the ledger written since).
/// <see cref="NewReservations"/> are reservation records created with this batch, riding with the lines they hold:
/// stored in the same transaction, so no line is held without its record. An active one (a single line) is stored as
/// the record; a pending one (a line of a cart) as this position's pending line of it, which the reservation store
/// loads as a pending record until the record itself is saved. What is already stored is left as it is.
/// <see cref="Available"/> is the position's available stock on the day of the write, stored for queries, which hold
/// it true until <see cref="AvailableUntil"/> (a lot's expiry changes it by the calendar); null: unknown, readers work
/// it out from the summary.
/// </summary>
public sealed record PositionWrite(
    StockPositionSnapshot Summary,
    StockPositionSnapshot? Recovery,
    long ExpectedSequence,
    IReadOnlyList<LedgerEntry> Entries,
    DateTimeOffset? NextExpiry,
    IReadOnlyList<ReservationRecord>? NewReservations = null,
    decimal? Available = null,
    DateOnly? AvailableUntil = null)
{
    public PositionKey Position => new(Summary.Warehouse, Summary.Sku);

    /// <summary>A write that stores <paramref name="snapshot"/> as both summary and recovery point.</summary>
    public static PositionWrite Full(StockPositionSnapshot snapshot, long expectedSequence, IReadOnlyList<LedgerEntry> entries)
    {
        DateTimeOffset? next = null;
        foreach (var r in snapshot.Reservations)
        {
            if (r.Status == ReservationStatus.Active && (next is null || r.ExpiresAt < next))
                next = r.ExpiresAt;
        }
        return new PositionWrite(snapshot, snapshot, expectedSequence, entries, next);
    }
}
