using Inventory.Domain;

namespace Inventory.Queries.Admin;

/// <summary>
/// Everything the admin tooling shows of one position: levels, configuration, cost layers, lots, active
/// reservations, the state's version and where the ledger stands, and whether the position is active in memory.
/// </summary>
/// <param name="ActiveInMemory">True or false as the server's runtime says; null when nobody could ask it (server down).</param>
/// <param name="Source">"memory" when read from the live activation, "snapshot" when read from the stored snapshot.</param>
/// <param name="StateVersion">Sequence of the last ledger entry folded into the state shown.</param>
/// <param name="StoredVersion">Version of the stored snapshot (equals StateVersion unless a batch is being written).</param>
/// <param name="LastPositionSeq">Position sequence of the position's last ledger entry.</param>
/// <param name="LastLedgerSeq">Global ledger sequence (stock_ledger.seq) of the position's last entry.</param>
/// <param name="Silo">The silo its activation runs on (Orleans' grain directory), when it is active.</param>
public sealed record PositionDetail(
    string Warehouse,
    string Sku,
    bool? ActiveInMemory,
    string Source,
    decimal OnHand,
    decimal Reserved,
    decimal Available,
    string CostingMethod,
    decimal AverageUnitCost,
    decimal LastUnitCost,
    decimal Value,
    StockPolicy Policy,
    bool IsLow,
    bool IsOutOfStock,
    bool IsOverstock,
    bool IsNegative,
    long StateVersion,
    long? StoredVersion,
    long LastPositionSeq,
    long? LastLedgerSeq,
    DateTimeOffset? LastMovementAt,
    long LedgerEntries,
    DateTimeOffset? NextExpiry,
    IReadOnlyList<PositionLayer> Layers,
    IReadOnlyList<PositionLot> Lots,
    IReadOnlyList<PositionHold> ActiveReservations,
    int EndedReservationsRemembered,
    string? Silo = null)
{
    public static PositionDetail Of(StockPositionSnapshot snapshot, bool? activeInMemory, string source, long? storedVersion,
        LedgerStats ledger, DateTimeOffset now)
    {
        var position = StockPosition.FromSnapshot(snapshot);
        var policy = position.Policy;
        var available = position.Available;
        var lots = snapshot.Layers
            .Where(l => l.Lot is not null)
            .GroupBy(l => (l.Lot!, l.ExpiresOn))
            .Select(g => new PositionLot(g.Key.Item1, g.Key.ExpiresOn, g.Sum(l => l.Quantity),
                g.Key.ExpiresOn is { } on ? on.DayNumber - DateOnly.FromDateTime(now.UtcDateTime).DayNumber : null))
            .OrderBy(l => l.ExpiresOn ?? DateOnly.MaxValue)
            .ThenBy(l => l.Lot, StringComparer.Ordinal)
            .ToList();
        var holds = snapshot.Reservations
            .Where(r => r.Status == ReservationStatus.Active)
            .OrderBy(r => r.ExpiresAt)
            .Select(r => new PositionHold(r.Id, r.Quantity, r.CreatedAt, r.ExpiresAt, (r.ExpiresAt - now).TotalSeconds, r.Reference))
            .ToList();
        return new PositionDetail(
            snapshot.Warehouse,
            snapshot.Sku,
            activeInMemory,
            source,
            position.OnHand,
            position.Reserved,
            available,
            position.CostingMethod.ToString().ToUpperInvariant(),
            position.AverageUnitCost,
            position.LastUnitCost,
            position.Value().Value,
            policy,
            policy.ReorderPoint is { } point && available <= point,
            available <= 0,
            policy.MaxStock is { } max && position.OnHand > max,
            available < 0,
            position.Sequence,
            storedVersion,
            ledger.LastPositionSeq,
            ledger.LastLedgerSeq,
            ledger.LastMovementAt,
            ledger.Entries,
            position.NextExpiry,
            [.. snapshot.Layers.Select(l => new PositionLayer(l.Id, l.Quantity, l.UnitCost, l.Quantity * l.UnitCost, l.ReceivedAt, l.Lot, l.ExpiresOn))],
            lots,
            holds,
            snapshot.Reservations.Count(r => r.Status != ReservationStatus.Active));
    }
}
