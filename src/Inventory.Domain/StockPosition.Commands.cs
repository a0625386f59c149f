namespace Inventory.Domain;

// The commands. Each one follows the same three steps: validate everything (stateless input checks first,
// then idempotent replays, then checks against current stock), build the ledger entries, apply them.
// Until the last step nothing has changed, so every failure path leaves the position untouched.
public sealed partial class StockPosition
{
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
                ? Levels(now, replayed: true)
                : Failure.ReservationConflict(reservationId, known.Quantity, quantity);
        }

        if (expiresAt <= now)
            return Failure.InvalidExpiry(expiresAt, now);
        // Lots that expire before the reservation's last day could not be picked when it is committed then.
        if (!Policy.AllowNegative && quantity > UnpromisedUntil(expiresAt))
            return Failure.InsufficientStock(Key, Clamp(UnpromisedUntil(expiresAt)), quantity);

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
        if (Unchangeable(reservationId, endsAs: null, now, out var reservation) is { } answer)
            return answer;

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
        if (Unchangeable(reservationId, ReservationStatus.Committed, now, out var reservation) is { } answer)
            return answer;

        if (Pick(reservation.Quantity, Today(now)) is not { } plan)
            return PickFailure(reservation.Quantity, Today(now));
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
        if (Unchangeable(reservationId, ReservationStatus.Released, now, out var reservation) is { } answer)
            return answer;

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
            return Levels(now, replayed: true);
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

        return entries.Count == 0 ? Levels(now) : Append(entries);
    }

    /// <summary>
    /// Null when the reservation a command changes is active (<paramref name="reservation"/>); else the command's
    /// answer: not found, a replay when it already ended the way the command ends it (<paramref name="endsAs"/>; a
    /// commit's replay with its cost of goods), or not active.
    /// </summary>
    private Result<Movement>? Unchangeable(string reservationId, ReservationStatus? endsAs, DateTimeOffset now, out PositionReservation reservation)
    {
        if (!_reservations.TryGetValue(reservationId, out reservation!))
            return Failure.ReservationNotFound(reservationId);
        var status = EffectiveStatus(reservation, now);
        if (status == endsAs)
            return Levels(now, replayed: true, reservation.CostOfGoods ?? 0m);
        if (status == ReservationStatus.Active)
            return null;
        return Failure.ReservationNotActive(reservationId, status);
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
    // The replay's available is worked out from the levels the first entry recorded (lot expiry aside).
    private Result<Movement> Replay(LedgerEntry first, bool sameRequest)
    {
        if (!sameRequest)
            return Failure.RequestConflict(first.RequestId!, first.Type);
        var costOfGoods = IsOutflow(first) ? first.TotalCost : 0m;
        var available = Clamp(first.OnHandAfter - first.QualityAfter - first.DamagedAfter - first.ReservedAfter - Policy.SafetyStock);
        return new Movement([], first.OnHandAfter, first.ReservedAfter, costOfGoods, Replayed: true)
        {
            Available = available,
            Draws = first.Draws,
        };
    }

    /// <summary>Levels now, for an operation that appends nothing (a replay, or a count that matches).</summary>
    private Movement Levels(DateTimeOffset now, bool replayed = false, decimal costOfGoods = 0m) =>
        new([], OnHand, Reserved, costOfGoods, replayed) { Available = AvailableOn(Today(now)) };

    /// <summary>Entries whose total cost is cost of goods leaving the position.</summary>
    private static bool IsOutflow(LedgerEntry entry) =>
        entry.Type is LedgerEntryType.Committed or LedgerEntryType.WrittenOff or LedgerEntryType.TransferShipped
        || (entry.Type == LedgerEntryType.Adjusted && entry.Quantity < 0);

    private Movement Append(LedgerEntry entry) => Append([entry]);

    private Movement Append(IReadOnlyList<LedgerEntry> entries)
    {
        var costOfGoods = 0m;
        var draws = new List<LayerDraw>();
        foreach (var entry in entries)
        {
            Apply(entry);
            if (IsOutflow(entry))
                costOfGoods += entry.TotalCost;
            draws.AddRange(entry.Draws);
        }

        var available = entries.Count == 0 ? Available : AvailableOn(Today(entries[^1].At));
        return new Movement(entries, OnHand, Reserved, costOfGoods) { Available = available, Draws = [.. draws] };
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
            QualityAfter = QualityControl,
            DamagedAfter = Damaged,
            IncomingAfter = Incoming,
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
