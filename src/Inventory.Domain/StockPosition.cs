namespace Inventory.Domain;

/// <summary>
/// One SKU in one warehouse: on hand, reservations and cost layers. Pure and single-threaded (its grain
/// serializes calls). Every command validates first and either returns a failure having changed nothing, or
/// builds ledger entries and applies them through <see cref="Apply"/> — the only code that changes stock —
/// so the state always equals the fold of the ledger.
/// </summary>
public sealed class StockPosition
{
    /// <summary>Terminal reservations and request ids remembered for idempotent replays.</summary>
    public const int RememberedCount = 1000;

    public StockPosition(PositionKey key, CostingMethod costingMethod = CostingMethod.Fifo, StockPolicy? policy = null)
    {
        throw new NotImplementedException();
    }

    public PositionKey Key { get; }
    /// <summary>Configuration, not stock: changing it appends nothing to the ledger.</summary>
    public CostingMethod CostingMethod { get; set; }
    /// <summary>Configuration, not stock: changing it appends nothing to the ledger.</summary>
    public StockPolicy Policy { get; set; } = StockPolicy.Default;

    /// <summary>Sequence of the last applied ledger entry (0 for a new position).</summary>
    public long Sequence { get; private set; }
    public decimal OnHand { get; private set; }
    public decimal Reserved { get; private set; }
    public decimal Available => OnHand - Reserved;
    /// <summary>Moving weighted-average unit cost of on-hand stock.</summary>
    public decimal AverageUnitCost { get; private set; }
    public decimal LastUnitCost { get; private set; }
    public IReadOnlyList<CostLayer> Layers => throw new NotImplementedException();
    /// <summary>Active reservations and the most recent terminal ones.</summary>
    public IReadOnlyCollection<PositionReservation> Reservations => throw new NotImplementedException();
    /// <summary>Earliest expiry among active reservations, or null.</summary>
    public DateTimeOffset? NextExpiry => throw new NotImplementedException();

    public PositionReservation? FindReservation(string reservationId) => throw new NotImplementedException();

    public Result<Movement> Receive(ReceiveStock receipt, Actor actor, DateTimeOffset now) => throw new NotImplementedException();

    public Result<Movement> Reserve(string reservationId, decimal quantity, DateTimeOffset expiresAt, Actor actor, DateTimeOffset now, string? reference = null) =>
        throw new NotImplementedException();

    public Result<Movement> ExtendReservation(string reservationId, DateTimeOffset expiresAt, Actor actor, DateTimeOffset now) =>
        throw new NotImplementedException();

    public Result<Movement> Commit(string reservationId, Actor actor, DateTimeOffset now) => throw new NotImplementedException();

    public Result<Movement> Release(string reservationId, Actor actor, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>Expires every active reservation whose expiry is at or before <paramref name="now"/>.</summary>
    public Movement ExpireDue(Actor actor, DateTimeOffset now) => throw new NotImplementedException();

    public Result<Movement> Adjust(decimal delta, AdjustmentReason reason, Actor actor, DateTimeOffset now,
        decimal? unitCost = null, string? reference = null, string? requestId = null) => throw new NotImplementedException();

    /// <summary>Absolute count: sets on hand to <paramref name="counted"/>. With <paramref name="expectedOnHand"/>, refuses with COUNT_MISMATCH unless it equals the current on hand.</summary>
    public Result<Movement> SetCount(decimal counted, decimal? expectedOnHand, Actor actor, DateTimeOffset now,
        string? reference = null, string? requestId = null) => throw new NotImplementedException();

    public Result<Movement> Return(decimal quantity, decimal? unitCost, Actor actor, DateTimeOffset now,
        string? reference = null, string? requestId = null) => throw new NotImplementedException();

    public Valuation Value() => throw new NotImplementedException();

    /// <summary>The only mutation of stock state. Throws if the entry's sequence is not Sequence + 1.</summary>
    public void Apply(LedgerEntry entry) => throw new NotImplementedException();

    public static StockPosition Fold(PositionKey key, IEnumerable<LedgerEntry> entries,
        CostingMethod costingMethod = CostingMethod.Fifo, StockPolicy? policy = null) => throw new NotImplementedException();

    public StockPositionSnapshot ToSnapshot() => throw new NotImplementedException();

    public static StockPosition FromSnapshot(StockPositionSnapshot snapshot) => throw new NotImplementedException();

    /// <summary>Compares stock (not configuration) with another copy; lists every difference. Empty when equal.</summary>
    public IReadOnlyList<string> DifferencesFrom(StockPosition other) => throw new NotImplementedException();
}
