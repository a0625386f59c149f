namespace Inventory.Domain;

// The commands. Each one follows the same three steps: validate everything (stateless input checks first,
// then idempotent replays, then checks against current stock), build the ledger entries, apply them.
// Until the last step nothing has changed, so every failure path leaves the position untouched.
public sealed partial class StockPosition
{
    public Result<Movement> Receive(ReceiveStock receipt, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = CheckQuantity(receipt.Quantity) ?? CheckUnitCost(receipt.UnitCost) ?? CheckRequestId(receipt.RequestId);
        if (invalid is not null)
            return invalid;
        if (FirstResultOf(receipt.RequestId) is { } first)
        {
            return Replay(first, first.Type == LedgerEntryType.Received
                && first.Quantity == receipt.Quantity && first.UnitCost == receipt.UnitCost);
        }

        return Append(NewEntry(LedgerEntryType.Received, receipt.Quantity, OnHand + receipt.Quantity, Reserved, actor, now) with
        {
            UnitCost = receipt.UnitCost,
            TotalCost = receipt.Quantity * receipt.UnitCost,
            Lot = receipt.Lot,
            LotExpiresOn = receipt.ExpiresOn,
            Reference = receipt.Reference,
            RequestId = receipt.RequestId,
        });
    }

    public Result<Movement> Reserve(string reservationId, decimal quantity, DateTimeOffset expiresAt, Actor actor, DateTimeOffset now, string? reference = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = CheckReservationId(reservationId) ?? CheckQuantity(quantity);
        if (invalid is not null)
            return invalid;
        // The id is the idempotency key: a retry of the same reservation must not hold stock twice,
        // whatever happened to it since. The replay comes before the expiry check so that a late retry
        // (expiry now in the past) still gets the original answer.
        if (_reservations.TryGetValue(reservationId, out var known))
        {
            return known.Quantity == quantity
                ? new Movement([], OnHand, Reserved, Replayed: true)
                : Failure.ReservationConflict(reservationId, known.Quantity, quantity);
        }

        if (expiresAt <= now)
            return Failure.InvalidExpiry(expiresAt, now);
        if (!Policy.AllowNegative && quantity > Available)
            return Failure.InsufficientStock(Key, Available, quantity);

        return Append(NewEntry(LedgerEntryType.Reserved, quantity, OnHand, Reserved + quantity, actor, now) with
        {
            ReservationId = reservationId,
            ExpiresAt = expiresAt,
            Reference = reference,
        });
    }

    /// <summary>Moves an active reservation's expiry (later or earlier, as long as it is after now).</summary>
    public Result<Movement> ExtendReservation(string reservationId, DateTimeOffset expiresAt, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (CheckReservationId(reservationId) is { } invalid)
            return invalid;
        if (expiresAt <= now)
            return Failure.InvalidExpiry(expiresAt, now);
        if (!_reservations.TryGetValue(reservationId, out var reservation))
            return Failure.ReservationNotFound(reservationId);
        var status = EffectiveStatus(reservation, now);
        if (status != ReservationStatus.Active)
            return Failure.ReservationNotActive(reservationId, status);

        return Append(NewEntry(LedgerEntryType.ReservationExtended, reservation.Quantity, OnHand, Reserved, actor, now) with
        {
            ReservationId = reservationId,
            ExpiresAt = expiresAt,
            Reference = reservation.Reference,
        });
    }

    public Result<Movement> Commit(string reservationId, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (CheckReservationId(reservationId) is { } invalid)
            return invalid;
        if (!_reservations.TryGetValue(reservationId, out var reservation))
            return Failure.ReservationNotFound(reservationId);
        var status = EffectiveStatus(reservation, now);
        if (status == ReservationStatus.Committed)
            return new Movement([], OnHand, Reserved, reservation.CostOfGoods ?? 0m, Replayed: true);
        if (status != ReservationStatus.Active)
            return Failure.ReservationNotActive(reservationId, status);

        var plan = IssueCosting.Plan(_layers, CostingMethod, reservation.Quantity, AverageUnitCost, LastUnitCost);
        return Append(NewEntry(LedgerEntryType.Committed, reservation.Quantity, OnHand - reservation.Quantity,
            Reserved - reservation.Quantity, actor, now) with
        {
            UnitCost = plan.CostOfGoods / reservation.Quantity,
            TotalCost = plan.CostOfGoods,
            Draws = plan.Draws,
            ReservationId = reservationId,
            Reference = reservation.Reference,
        });
    }

    public Result<Movement> Release(string reservationId, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (CheckReservationId(reservationId) is { } invalid)
            return invalid;
        if (!_reservations.TryGetValue(reservationId, out var reservation))
            return Failure.ReservationNotFound(reservationId);
        var status = EffectiveStatus(reservation, now);
        if (status == ReservationStatus.Released)
            return new Movement([], OnHand, Reserved, Replayed: true);
        if (status != ReservationStatus.Active)
            return Failure.ReservationNotActive(reservationId, status);

        return Append(NewEntry(LedgerEntryType.Released, reservation.Quantity, OnHand, Reserved - reservation.Quantity, actor, now) with
        {
            ReservationId = reservationId,
            Reference = reservation.Reference,
        });
    }

    /// <summary>
    /// Ends one active reservation as expired now, before its expiry (an operator's "expire now"): its stock becomes
    /// available again, recorded as an <see cref="LedgerEntryType.Expired"/> entry by <paramref name="actor"/>.
    /// Expiring a reservation that already expired is answered as a replay.
    /// </summary>
    public Result<Movement> ExpireReservation(string reservationId, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (CheckReservationId(reservationId) is { } invalid)
            return invalid;
        if (!_reservations.TryGetValue(reservationId, out var reservation))
            return Failure.ReservationNotFound(reservationId);
        if (reservation.Status == ReservationStatus.Active && reservation.ExpiresAt <= now)
            return ExpireDue(actor, now); // due anyway: expire it (and whatever else is due) as the sweep would
        if (reservation.Status == ReservationStatus.Expired)
            return new Movement([], OnHand, Reserved, Replayed: true);
        if (reservation.Status != ReservationStatus.Active)
            return Failure.ReservationNotActive(reservationId, reservation.Status);

        return Append(NewEntry(LedgerEntryType.Expired, reservation.Quantity, OnHand, Reserved - reservation.Quantity, actor, now) with
        {
            ReservationId = reservationId,
            ExpiresAt = now,
            Reference = reservation.Reference,
            Reason = "expired early",
        });
    }

    /// <summary>Expires every active reservation whose expiry is at or before <paramref name="now"/>.</summary>
    public Movement ExpireDue(Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var due = _reservations.Values
            .Where(r => r.Status == ReservationStatus.Active && r.ExpiresAt <= now)
            .OrderBy(r => r.ExpiresAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var entries = new List<LedgerEntry>(due.Count);
        var reserved = Reserved;
        foreach (var reservation in due)
        {
            reserved -= reservation.Quantity;
            entries.Add(NewEntry(LedgerEntryType.Expired, reservation.Quantity, OnHand, reserved, actor, now, entries.Count) with
            {
                ReservationId = reservation.Id,
                ExpiresAt = reservation.ExpiresAt,
                Reference = reservation.Reference,
            });
        }

        return Append(entries);
    }

    /// <summary>
    /// Corrects on hand by <paramref name="delta"/>. Stock found comes in as a new layer at
    /// <paramref name="unitCost"/> (default: the average, or the last purchase cost when nothing is on hand);
    /// stock lost leaves like a commit, drawn from the layers by the costing method (<paramref name="unitCost"/> is then ignored).
    /// </summary>
    public Result<Movement> Adjust(decimal delta, AdjustmentReason reason, Actor actor, DateTimeOffset now,
        decimal? unitCost = null, string? reference = null, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = (delta == 0 ? Failure.InvalidQuantity(delta) : CheckQuantity(Math.Abs(delta)))
            ?? (Enum.IsDefined(reason) ? null : Failure.InvalidReason(reason))
            ?? (unitCost is { } cost ? CheckUnitCost(cost) : null)
            ?? CheckRequestId(requestId);
        if (invalid is not null)
            return invalid;
        var reasonText = ReasonText(reason);
        if (FirstResultOf(requestId) is { } first)
        {
            return Replay(first, first.Type == LedgerEntryType.Adjusted
                && first.Quantity == delta && first.Reason == reasonText);
        }

        if (delta < 0 && !Policy.AllowNegative && -delta > Available)
            return Failure.InsufficientStock(Key, Available, -delta);

        return Append(AdjustmentEntry(delta, reasonText, unitCost, actor, now) with { Reference = reference, RequestId = requestId });
    }

    /// <summary>Absolute count: sets on hand to <paramref name="counted"/>. With <paramref name="expectedOnHand"/>, refuses with COUNT_MISMATCH unless it equals the current on hand.</summary>
    /// <remarks>
    /// A count that would leave on hand below what is reserved is refused (INSUFFICIENT_STOCK) unless the
    /// policy allows negative stock. The shelf is the truth, but silently accepting such a count would leave
    /// promised orders unbacked: available would go negative, which is exactly the overselling this position
    /// exists to prevent. Refusing makes the shortfall visible; the operator releases or re-sources the
    /// affected reservations first and counts again. Counts that raise on hand are always accepted.
    /// A count equal to on hand appends nothing, so its request id is not remembered (re-counting is harmless).
    /// </remarks>
    public Result<Movement> SetCount(decimal counted, decimal? expectedOnHand, Actor actor, DateTimeOffset now,
        string? reference = null, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = (counted < 0 ? Failure.NegativeCount(counted) : null)
            ?? (counted > MaxQuantity ? Failure.QuantityTooLarge(counted, MaxQuantity) : null)
            ?? CheckRequestId(requestId);
        if (invalid is not null)
            return invalid;
        var reasonText = ReasonText(AdjustmentReason.Count);
        if (FirstResultOf(requestId) is { } first)
        {
            return Replay(first, first.Type == LedgerEntryType.Adjusted
                && first.Reason == reasonText && first.OnHandAfter == counted);
        }

        if (expectedOnHand is { } expected && expected != OnHand)
            return Failure.CountMismatch(expected, OnHand);
        var delta = counted - OnHand;
        if (delta == 0)
            return new Movement([], OnHand, Reserved);
        if (delta < 0 && counted < Reserved && !Policy.AllowNegative)
            return Failure.InsufficientStock(Key, Available, -delta);

        return Append(AdjustmentEntry(delta, reasonText, unitCost: null, actor, now) with { Reference = reference, RequestId = requestId });
    }

    /// <summary>Goods coming back into stock, as a new layer at <paramref name="unitCost"/> (default: the average, or the last purchase cost when nothing is on hand).</summary>
    public Result<Movement> Return(decimal quantity, decimal? unitCost, Actor actor, DateTimeOffset now,
        string? reference = null, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = CheckQuantity(quantity) ?? (unitCost is { } cost ? CheckUnitCost(cost) : null) ?? CheckRequestId(requestId);
        if (invalid is not null)
            return invalid;
        if (FirstResultOf(requestId) is { } first)
        {
            return Replay(first, first.Type == LedgerEntryType.Returned
                && first.Quantity == quantity && (unitCost is null || first.UnitCost == unitCost));
        }

        var inCost = unitCost ?? DefaultInboundUnitCost;
        return Append(NewEntry(LedgerEntryType.Returned, quantity, OnHand + quantity, Reserved, actor, now) with
        {
            UnitCost = inCost,
            TotalCost = quantity * inCost,
            Reference = reference,
            RequestId = requestId,
        });
    }

    // Stock that turns up without a price is valued at what the stock on hand is carried at, so that
    // finding it does not move the average; with nothing on hand, the last purchase cost is the best guess.
    private decimal DefaultInboundUnitCost => OnHand > 0 ? AverageUnitCost : LastUnitCost;

    private LedgerEntry AdjustmentEntry(decimal delta, string reasonText, decimal? unitCost, Actor actor, DateTimeOffset now)
    {
        var entry = NewEntry(LedgerEntryType.Adjusted, delta, OnHand + delta, Reserved, actor, now) with { Reason = reasonText };
        if (delta > 0)
        {
            var inCost = unitCost ?? DefaultInboundUnitCost;
            return entry with { UnitCost = inCost, TotalCost = delta * inCost };
        }

        var plan = IssueCosting.Plan(_layers, CostingMethod, -delta, AverageUnitCost, LastUnitCost);
        return entry with { UnitCost = plan.CostOfGoods / -delta, TotalCost = plan.CostOfGoods, Draws = plan.Draws };
    }

    // A reservation past its expiry is treated as expired by every command even before ExpireDue has
    // recorded it, so the outcome of a commit never depends on whether the expiry timer fired in time.
    private static ReservationStatus EffectiveStatus(PositionReservation reservation, DateTimeOffset now) =>
        reservation.Status == ReservationStatus.Active && reservation.ExpiresAt <= now ? ReservationStatus.Expired : reservation.Status;

    private LedgerEntry? FirstResultOf(string? requestId) =>
        requestId is not null && _requests.TryGetValue(requestId, out var first) ? first : null;

    // The first result is answered again, with the levels as they were right after it: that is what the
    // caller would have received had the first response not been lost. Reusing a request id for a
    // different operation is a client bug and is refused rather than silently answered with a wrong result.
    private static Result<Movement> Replay(LedgerEntry first, bool sameRequest)
    {
        if (!sameRequest)
            return Failure.RequestConflict(first.RequestId!, first.Type);
        var costOfGoods = first.Type == LedgerEntryType.Adjusted && first.Quantity < 0 ? first.TotalCost : 0m;
        return new Movement([], first.OnHandAfter, first.ReservedAfter, costOfGoods, Replayed: true);
    }

    private Movement Append(LedgerEntry entry) => Append([entry]);

    private Movement Append(IReadOnlyList<LedgerEntry> entries)
    {
        var costOfGoods = 0m;
        foreach (var entry in entries)
        {
            Apply(entry);
            if (entry.Type == LedgerEntryType.Committed || (entry.Type == LedgerEntryType.Adjusted && entry.Quantity < 0))
                costOfGoods += entry.TotalCost;
        }

        return new Movement(entries, OnHand, Reserved, costOfGoods);
    }

    private LedgerEntry NewEntry(LedgerEntryType type, decimal quantity, decimal onHandAfter, decimal reservedAfter,
        Actor actor, DateTimeOffset now, int offset = 0) => new()
        {
            Position = Key,
            Sequence = Sequence + 1 + offset,
            Type = type,
            Quantity = quantity,
            OnHandAfter = onHandAfter,
            ReservedAfter = reservedAfter,
            User = actor.User,
            Role = actor.Role,
            At = now,
        };

    private static string ReasonText(AdjustmentReason reason) => reason.ToString().ToLowerInvariant();

    private static Failure? CheckQuantity(decimal quantity) =>
        quantity <= 0 ? Failure.InvalidQuantity(quantity)
        : quantity > MaxQuantity ? Failure.QuantityTooLarge(quantity, MaxQuantity)
        : null;

    private static Failure? CheckUnitCost(decimal unitCost) =>
        unitCost is < 0 or > MaxUnitCost ? Failure.InvalidUnitCost(unitCost, MaxUnitCost) : null;

    private static Failure? CheckReservationId(string? reservationId) =>
        string.IsNullOrWhiteSpace(reservationId) ? Failure.ValidationFailed("reservationId", "A reservation id is required.") : null;

    // Absent (null) means "not idempotent"; present but blank is almost certainly a client bug.
    private static Failure? CheckRequestId(string? requestId) =>
        requestId is not null && string.IsNullOrWhiteSpace(requestId)
            ? Failure.ValidationFailed("requestId", "A request id, when given, must not be blank.")
            : null;
}
