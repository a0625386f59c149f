namespace Inventory.Domain;

/// <summary>
/// One SKU in one warehouse: on hand, reservations and cost layers. Pure and single-threaded (its grain
/// serializes calls). Every command validates first and either returns a failure having changed nothing, or
/// builds ledger entries and applies them through <see cref="Apply"/> — the only code that changes stock —
/// so the state always equals the fold of the ledger.
/// </summary>
/// <remarks>
/// The class is split by concern: this file holds the state and <see cref="Apply"/>; the commands live in
/// StockPosition.Commands.cs; valuation, snapshots and comparison in StockPosition.Persistence.cs.
/// </remarks>
public sealed partial class StockPosition
{
    /// <summary>Terminal reservations and request ids remembered for idempotent replays.</summary>
    public const int RememberedCount = 1000;

    /// <summary>
    /// <see cref="LayerDraw.LayerId"/> of the part of an issue that no layer covered (negative stock allowed).
    /// Real layer ids start at 1, so 0 can never name a layer.
    /// </summary>
    public const long UncoveredLayerId = 0;

    /// <summary>
    /// Largest quantity one command accepts. Far beyond any real movement, and small enough that
    /// quantity x cost and running totals can never overflow decimal: a client typo becomes a failure, not a crash.
    /// </summary>
    public const decimal MaxQuantity = 1_000_000_000_000m;

    /// <summary>Largest unit cost one command accepts (see <see cref="MaxQuantity"/>).</summary>
    public const decimal MaxUnitCost = 1_000_000_000_000m;

    private readonly List<CostLayer> _layers = [];
    private readonly IReadOnlyList<CostLayer> _layersView;
    private readonly Dictionary<string, PositionReservation> _reservations = new(StringComparer.Ordinal);
    // NextExpiry is asked on every call of a hot position, so it is kept rather than scanned: a new
    // reservation can only lower it; ending or extending the earliest one forces one rescan.
    private DateTimeOffset? _nextExpiry;
    private bool _nextExpiryStale = true;
    // Ids of terminal reservations in the order they became terminal: the oldest is forgotten first.
    private readonly Queue<string> _terminalOrder = new();
    // First entry of each remembered request id, oldest first, for idempotent replays.
    private readonly Dictionary<string, LedgerEntry> _requests = new(StringComparer.Ordinal);
    private readonly Queue<string> _requestOrder = new();
    // Open purchase orders (incoming stock), sorted so snapshots are deterministic.
    private readonly SortedDictionary<string, IncomingOrder> _incoming = new(StringComparer.Ordinal);
    private long _nextLayerId = 1;
    private CostingMethod _costingMethod;
    private RemovalStrategy? _removalStrategy;
    private StockPolicy _policy = StockPolicy.Default;

    public StockPosition(PositionKey key, CostingMethod costingMethod = CostingMethod.Fifo, StockPolicy? policy = null)
    {
        if (string.IsNullOrWhiteSpace(key.Warehouse) || string.IsNullOrWhiteSpace(key.Sku))
            throw new ArgumentException("A position needs a warehouse and a SKU.", nameof(key));
        Key = key;
        CostingMethod = costingMethod;
        Policy = policy ?? StockPolicy.Default;
        _layersView = _layers.AsReadOnly();
    }

    public PositionKey Key { get; }

    /// <summary>Configuration, not stock: changing it appends nothing to the ledger.</summary>
    /// <remarks>Only affects issues made afterwards: past issues recorded their draws in the ledger.</remarks>
    public CostingMethod CostingMethod
    {
        get => _costingMethod;
        set => _costingMethod = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown costing method.");
    }

    /// <summary>
    /// Configuration, not stock: which layers a pick takes first. Null follows the costing method
    /// (<see cref="DefaultRemovalFor"/>). Past picks recorded their draws, so changing it never changes the fold.
    /// </summary>
    public RemovalStrategy? RemovalStrategy
    {
        get => _removalStrategy;
        set => _removalStrategy = value is null || Enum.IsDefined(value.Value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown removal strategy.");
    }

    /// <summary>The removal strategy picks use: the configured one, else the costing method's default.</summary>
    public RemovalStrategy EffectiveRemovalStrategy => RemovalStrategy ?? DefaultRemovalFor(CostingMethod);

    /// <summary>FIFO and AVERAGE pick oldest first (FIFO), LIFO newest first (LIFO).</summary>
    public static RemovalStrategy DefaultRemovalFor(CostingMethod costingMethod) =>
        costingMethod == CostingMethod.Lifo ? Domain.RemovalStrategy.Lifo : Domain.RemovalStrategy.Fifo;

    /// <summary>Configuration, not stock: changing it appends nothing to the ledger.</summary>
    public StockPolicy Policy
    {
        get => _policy;
        set => _policy = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Sequence of the last applied ledger entry (0 for a new position).</summary>
    public long Sequence { get; private set; }
    /// <summary>Every unit physically here, in any status (available, quality control, damaged).</summary>
    public decimal OnHand { get; private set; }
    public decimal Reserved { get; private set; }
    /// <summary>On hand in quality control: not sellable until released.</summary>
    public decimal QualityControl { get; private set; }
    /// <summary>On hand but damaged: not sellable; repaired back to available or written off.</summary>
    public decimal Damaged { get; private set; }
    /// <summary>On order from suppliers (open purchase orders): not on hand, not sellable.</summary>
    public decimal Incoming { get; private set; }
    /// <summary>On hand in status available (expired lots included until written off). Negative for a backorder.</summary>
    public decimal Sellable => OnHand - QualityControl - Damaged;

    /// <summary>
    /// Sellable and unpromised, ignoring lot expiry: on hand - reserved - quality control - damaged - safety stock;
    /// never below zero unless the policy allows negative stock. <see cref="AvailableOn"/> also leaves out expired lots.
    /// </summary>
    public decimal Available => Clamp(Sellable - Reserved - Policy.SafetyStock);

    /// <summary>Open purchase orders, by purchase order.</summary>
    public IReadOnlyCollection<IncomingOrder> IncomingOrders => _incoming.Values;
    /// <summary>Moving weighted-average unit cost of on-hand stock.</summary>
    public decimal AverageUnitCost { get; private set; }
    /// <summary>Unit cost of the last receipt (returns and adjustments are not purchases and leave it alone).</summary>
    public decimal LastUnitCost { get; private set; }
    /// <summary>Remaining cost layers in receipt order. Their quantities add up to on hand when it is positive, else to 0.</summary>
    public IReadOnlyList<CostLayer> Layers => _layersView;
    /// <summary>Active reservations and the most recent terminal ones.</summary>
    public IReadOnlyCollection<PositionReservation> Reservations => _reservations.Values;

    /// <summary>Earliest expiry among active reservations, or null.</summary>
    public DateTimeOffset? NextExpiry
    {
        get
        {
            if (!_nextExpiryStale)
                return _nextExpiry;
            DateTimeOffset? next = null;
            foreach (var reservation in _reservations.Values)
            {
                if (reservation.Status == ReservationStatus.Active && (next is null || reservation.ExpiresAt < next))
                    next = reservation.ExpiresAt;
            }

            _nextExpiry = next;
            _nextExpiryStale = false;
            return next;
        }
    }

    public PositionReservation? FindReservation(string reservationId) =>
        reservationId is not null && _reservations.TryGetValue(reservationId, out var reservation) ? reservation : null;

    /// <summary>The only mutation of stock state. Throws if the entry's sequence is not Sequence + 1.</summary>
    /// <remarks>
    /// Every check runs before the first change, so an entry that does not fit (a bug or a corrupt ledger)
    /// throws and leaves the position as it was. The levels an entry claims (OnHandAfter, ReservedAfter) are
    /// verified too: a fold that disagrees with what the command saw is a bug we want to hear about at once.
    /// </remarks>
    public void Apply(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Position != Key)
            throw new InvalidOperationException($"Entry {entry.Sequence} belongs to {entry.Position}, not {Key}.");
        if (entry.Sequence != Sequence + 1)
            throw new InvalidOperationException($"{Key}: expected entry {Sequence + 1}, got {entry.Sequence}.");
        if (entry.RequestId is { } requestId && _requests.ContainsKey(requestId))
            throw new InvalidOperationException($"{Key}: request '{requestId}' was already applied.");

        switch (entry.Type)
        {
            case LedgerEntryType.Received:
            case LedgerEntryType.Returned:
            case LedgerEntryType.TransferReceived:
            case LedgerEntryType.Adjusted when entry.Quantity > 0:
                ApplyInflow(entry);
                break;
            case LedgerEntryType.Adjusted when entry.Quantity < 0:
                ApplyIssue(entry, -entry.Quantity, reservation: null, entry.FromStatus ?? StockStatus.Available);
                break;
            case LedgerEntryType.WrittenOff:
                ApplyIssue(entry, entry.Quantity, reservation: null, entry.FromStatus ?? StockStatus.Available);
                break;
            case LedgerEntryType.TransferShipped:
                ApplyIssue(entry, entry.Quantity, reservation: null, StockStatus.Available);
                break;
            case LedgerEntryType.StatusChanged:
                ApplyStatusChange(entry);
                break;
            case LedgerEntryType.Ordered:
            case LedgerEntryType.OrderCancelled:
                ApplyOrder(entry);
                break;
            case LedgerEntryType.TransitLoss:
                ApplyTransitLoss(entry);
                break;
            case LedgerEntryType.Reserved:
                ApplyReserved(entry);
                break;
            case LedgerEntryType.ReservationExtended:
                ApplyExtended(entry);
                break;
            case LedgerEntryType.Committed:
                ApplyIssue(entry, entry.Quantity, ActiveReservationOf(entry));
                break;
            case LedgerEntryType.Released:
            case LedgerEntryType.Expired:
                ApplyReservationEnd(entry);
                break;
            default:
                throw new InvalidOperationException($"{Key}: entry {entry.Sequence} of type {entry.Type} with quantity {entry.Quantity} cannot be applied.");
        }

        Sequence = entry.Sequence;
        if (entry.RequestId is { } id)
            RememberRequest(id, entry);
    }

    private void ApplyInflow(LedgerEntry entry)
    {
        var quantity = entry.Quantity;
        if (quantity <= 0)
            throw Corrupt(entry, "an inflow needs a positive quantity");
        var unitCost = entry.UnitCost ?? throw Corrupt(entry, "an inflow needs a unit cost");
        var status = entry.ToStatus ?? StockStatus.Available;
        if (!Enum.IsDefined(status))
            throw Corrupt(entry, $"unknown status {status}");
        var settled = SettledBy(entry);
        EnsureLevels(entry, OnHand + quantity, Reserved, QualityControl + (status == StockStatus.QualityControl ? quantity : 0m),
            Damaged + (status == StockStatus.Damaged ? quantity : 0m), Incoming - settled);

        var before = OnHand;
        AverageUnitCost = before > 0 ? (before * AverageUnitCost + quantity * unitCost) / (before + quantity) : unitCost;
        if (entry.Type is LedgerEntryType.Received or LedgerEntryType.TransferReceived)
            LastUnitCost = unitCost;
        // While sellable stock is negative (a backorder) there are no available layers: units arriving as available
        // first fill the backorder (those units were already issued and charged), and only the rest becomes a layer.
        var sellable = Sellable;
        var layerQuantity = status != StockStatus.Available || sellable >= 0 ? quantity : Math.Max(0m, sellable + quantity);
        if (layerQuantity > 0)
        {
            _layers.Add(new CostLayer(_nextLayerId++, layerQuantity, unitCost, entry.At, entry.Lot, entry.LotExpiresOn, status,
                entry.ManufacturedOn, entry.Supplier, entry.PurchaseOrder));
        }

        OnHand = before + quantity;
        AddToStatus(status, quantity);
        Settle(entry.PurchaseOrder, settled);
    }

    private void ApplyIssue(LedgerEntry entry, decimal quantity, PositionReservation? reservation, StockStatus from = StockStatus.Available)
    {
        if (!Enum.IsDefined(from))
            throw Corrupt(entry, $"unknown status {from}");
        if (quantity <= 0)
            throw Corrupt(entry, "an issue needs a positive quantity");
        if (reservation is not null && reservation.Quantity != quantity)
            throw Corrupt(entry, $"reservation '{reservation.Id}' holds {reservation.Quantity}");

        // Work out every layer's remainder first so a bad draw throws before anything changes.
        var remainders = new Dictionary<long, decimal>();
        var drawn = 0m;
        foreach (var draw in entry.Draws ?? [])
        {
            if (draw.Quantity <= 0)
                throw Corrupt(entry, $"draw from layer {draw.LayerId} is not positive");
            drawn += draw.Quantity;
            if (draw.LayerId == UncoveredLayerId)
            {
                if (from != StockStatus.Available)
                    throw Corrupt(entry, "only available stock can be issued beyond its layers");
                continue;
            }

            if (!remainders.TryGetValue(draw.LayerId, out var left))
            {
                var layer = _layers.Find(l => l.Id == draw.LayerId) ?? throw Corrupt(entry, $"layer {draw.LayerId} does not exist");
                if (layer.Status != from)
                    throw Corrupt(entry, $"layer {draw.LayerId} is {layer.Status}, not {from}");
                left = layer.Quantity;
            }

            if (draw.Quantity > left)
                throw Corrupt(entry, $"layer {draw.LayerId} holds only {left}");
            remainders[draw.LayerId] = left - draw.Quantity;
        }

        if (drawn != quantity)
            throw Corrupt(entry, $"draws add up to {drawn}, not {quantity}");
        var reservedAfter = reservation is null ? Reserved : Reserved - quantity;
        EnsureLevels(entry, OnHand - quantity, reservedAfter, QualityControl - (from == StockStatus.QualityControl ? quantity : 0m),
            Damaged - (from == StockStatus.Damaged ? quantity : 0m), Incoming);

        for (var i = 0; i < _layers.Count; i++)
        {
            if (remainders.TryGetValue(_layers[i].Id, out var left))
                _layers[i] = _layers[i] with { Quantity = left };
        }

        _layers.RemoveAll(l => l.Quantity == 0);
        OnHand -= quantity;
        AddToStatus(from, -quantity);
        Reserved = reservedAfter;
        // An issue never moves the moving average: units leave at (or near) it, so the remaining stock's
        // average is unchanged; under FIFO/LIFO the average is informational only.
        if (reservation is not null)
            EndReservation(reservation with { Status = ReservationStatus.Committed, CostOfGoods = entry.TotalCost });
    }

    private void ApplyReserved(LedgerEntry entry)
    {
        var id = entry.ReservationId ?? throw Corrupt(entry, "no reservation id");
        if (_reservations.ContainsKey(id))
            throw Corrupt(entry, $"reservation '{id}' already exists");
        if (entry.Quantity <= 0)
            throw Corrupt(entry, "a reservation needs a positive quantity");
        var expiresAt = entry.ExpiresAt ?? throw Corrupt(entry, "a reservation needs an expiry");
        EnsureLevels(entry, OnHand, Reserved + entry.Quantity);

        _reservations[id] = new PositionReservation(id, entry.Quantity, expiresAt, ReservationStatus.Active, entry.At,
            Reference: entry.Reference);
        Reserved += entry.Quantity;
        if (!_nextExpiryStale && (_nextExpiry is null || expiresAt < _nextExpiry))
            _nextExpiry = expiresAt;
    }

    private void ApplyExtended(LedgerEntry entry)
    {
        var reservation = ActiveReservationOf(entry);
        var expiresAt = entry.ExpiresAt ?? throw Corrupt(entry, "an extension needs an expiry");
        EnsureLevels(entry, OnHand, Reserved);
        _reservations[reservation.Id] = reservation with { ExpiresAt = expiresAt };
        _nextExpiryStale = true;
    }

    private void ApplyReservationEnd(LedgerEntry entry)
    {
        var reservation = ActiveReservationOf(entry);
        if (reservation.Quantity != entry.Quantity)
            throw Corrupt(entry, $"reservation '{reservation.Id}' holds {reservation.Quantity}");
        EnsureLevels(entry, OnHand, Reserved - entry.Quantity);

        Reserved -= entry.Quantity;
        var status = entry.Type == LedgerEntryType.Released ? ReservationStatus.Released : ReservationStatus.Expired;
        EndReservation(reservation with { Status = status });
    }

    private PositionReservation ActiveReservationOf(LedgerEntry entry)
    {
        var id = entry.ReservationId ?? throw Corrupt(entry, "no reservation id");
        if (!_reservations.TryGetValue(id, out var reservation))
            throw Corrupt(entry, $"reservation '{id}' does not exist");
        if (reservation.Status != ReservationStatus.Active)
            throw Corrupt(entry, $"reservation '{id}' is {reservation.Status}");
        return reservation;
    }

    // Terminal reservations are kept only for idempotent replays, so the oldest beyond RememberedCount
    // are forgotten; active ones are never evicted because they still hold stock.
    private void EndReservation(PositionReservation ended)
    {
        _reservations[ended.Id] = ended;
        if (ended.ExpiresAt == _nextExpiry)
            _nextExpiryStale = true;
        _terminalOrder.Enqueue(ended.Id);
        while (_terminalOrder.Count > RememberedCount)
            _reservations.Remove(_terminalOrder.Dequeue());
    }

    private void RememberRequest(string requestId, LedgerEntry entry)
    {
        _requests.Add(requestId, entry);
        _requestOrder.Enqueue(requestId);
        while (_requestOrder.Count > RememberedCount)
            _requests.Remove(_requestOrder.Dequeue());
    }

    private void EnsureLevels(LedgerEntry entry, decimal onHandAfter, decimal reservedAfter) =>
        EnsureLevels(entry, onHandAfter, reservedAfter, QualityControl, Damaged, Incoming);

    private void EnsureLevels(LedgerEntry entry, decimal onHandAfter, decimal reservedAfter, decimal qualityAfter, decimal damagedAfter,
        decimal incomingAfter)
    {
        if (entry.OnHandAfter != onHandAfter || entry.ReservedAfter != reservedAfter || entry.QualityAfter != qualityAfter
            || entry.DamagedAfter != damagedAfter || entry.IncomingAfter != incomingAfter)
        {
            throw Corrupt(entry,
                $"it claims on hand {entry.OnHandAfter} / reserved {entry.ReservedAfter} / quality control {entry.QualityAfter} / " +
                $"damaged {entry.DamagedAfter} / incoming {entry.IncomingAfter} but folding gives {onHandAfter} / {reservedAfter} / " +
                $"{qualityAfter} / {damagedAfter} / {incomingAfter}");
        }
    }

    private void AddToStatus(StockStatus status, decimal quantity)
    {
        if (status == StockStatus.QualityControl) QualityControl += quantity;
        else if (status == StockStatus.Damaged) Damaged += quantity;
    }

    private decimal Clamp(decimal available) => Policy.AllowNegative ? available : Math.Max(0m, available);

    private InvalidOperationException Corrupt(LedgerEntry entry, string why) =>
        new($"{Key}: entry {entry.Sequence} ({entry.Type}) cannot be applied: {why}.");
}
