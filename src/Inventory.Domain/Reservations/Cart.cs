namespace Inventory.Domain.Reservations;

/// <summary>
/// The rules of a reservation over several positions (a checkout's cart, a work order's materials), apart from the
/// calls that carry them out (<c>Inventory.Grains.Reservations.Reservation</c>):
/// <list type="bullet">
/// <item>the requested lines are checked and those for the same position merged, so availability is checked against
/// their sum (<see cref="Lines"/>);</item>
/// <item>all lines or none: the positions' answers make one outcome, every short line listed (<see cref="Outcome"/>);</item>
/// <item>a record is stored active when its one line is held, pending while a cart's lines are being held
/// (<see cref="FirstState"/>), and recovery decides a pending cart by whether every line is held
/// (<see cref="RecoverPending"/>);</item>
/// <item>every later change is first decided by writing the record in an "-ing" state, which then settles in the
/// state it was heading for (<see cref="Decide"/>, <see cref="SettlesIn"/>): a crash in between leaves a durable
/// decision that recovery carries forward;</item>
/// <item>a repeat of a create under the same id answers as the first did, or is refused when its lines differ
/// (<see cref="Replay"/>).</item>
/// </list>
/// </summary>
public static class Cart
{
    /// <summary>Most lines one reservation may have.</summary>
    public const int MaxLines = 100;

    /// <summary>
    /// The lines to hold: each requested line checked, lines for the same position merged (two lines of 3 against 5
    /// on hand are refused as 6), in (warehouse, sku) order.
    /// </summary>
    public static Result<IReadOnlyList<ReservationLine>> Lines(IReadOnlyList<ReservationLineRequest>? requested, int maxLines = MaxLines)
    {
        if (requested is null || requested.Count == 0)
            return new Failure(ErrorCodes.ValidationFailed, "A reservation needs at least one line.");
        if (requested.Count > maxLines)
            return new Failure(ErrorCodes.ValidationFailed, $"A reservation may have at most {maxLines} lines.");

        var merged = new Dictionary<(string Warehouse, string Sku), decimal>();
        foreach (var line in requested)
        {
            if (string.IsNullOrWhiteSpace(line.Warehouse) || string.IsNullOrWhiteSpace(line.Sku))
                return new Failure(ErrorCodes.ValidationFailed, "Every line needs a warehouse and a sku.");
            if (line.Quantity <= 0)
                return Failure.InvalidQuantity(line.Quantity);
            var key = (line.Warehouse, line.Sku);
            merged[key] = merged.GetValueOrDefault(key) + line.Quantity;
        }

        var lines = merged.Select(m => new ReservationLine(m.Key.Warehouse, m.Key.Sku, m.Value)).ToList();
        lines.Sort(static (a, b) =>
        {
            var byWarehouse = string.CompareOrdinal(a.Warehouse, b.Warehouse);
            return byWarehouse != 0 ? byWarehouse : string.CompareOrdinal(a.Sku, b.Sku);
        });
        return lines;
    }

    /// <summary>One line held means the reservation is complete; a cart is pending until every line is held.</summary>
    public static ReservationStatusValue FirstState(int lineCount) =>
        lineCount == 1 ? ReservationStatusValue.Active : ReservationStatusValue.Pending;

    /// <summary>
    /// The positions' answers, one per line in order (null: held). All held, or the refusal: every short line with
    /// what was available, else the first other failure.
    /// </summary>
    public static CartOutcome Outcome(IReadOnlyList<ReservationLine> lines, IReadOnlyList<Failure?> answers)
    {
        if (lines.Count != answers.Count)
            throw new ArgumentException("One answer per line.", nameof(answers));
        var shortages = new List<LineShortage>();
        Failure? other = null;
        var held = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (answers[i] is not { } failure)
            {
                held++;
                continue;
            }
            if (failure.Code == ErrorCodes.InsufficientStock)
                shortages.Add(new LineShortage(lines[i].Warehouse, lines[i].Sku, lines[i].Quantity, AvailableOf(failure)));
            else
                other ??= failure;
        }
        return new CartOutcome(held, lines.Count, shortages, other ?? (shortages.Count > 0 ? Short(shortages) : null));
    }

    /// <summary>The refusal of a reservation some of whose lines are short: every short line is listed.</summary>
    public static Failure Short(IReadOnlyList<LineShortage> shortages) =>
        new(ErrorCodes.InsufficientStock,
            shortages.Count == 1
                ? $"Only {shortages[0].Available} available of {shortages[0].Warehouse}/{shortages[0].Sku}, {shortages[0].Requested} requested."
                : $"{shortages.Count} lines cannot be reserved.",
            new Dictionary<string, object?> { ["lines"] = shortages });

    /// <summary>
    /// A create repeated under an id that has a record: with the same lines it answers as the first did (a refused
    /// one repeats its refusal); with other lines it is a conflict.
    /// </summary>
    public static Result<ReservationRecord> Replay(ReservationRecord record, IReadOnlyList<ReservationLine> lines)
    {
        if (!SameLines(record.Lines, lines))
        {
            return new Failure(ErrorCodes.ReservationConflict,
                $"Reservation '{record.Id}' already exists with different lines.",
                new Dictionary<string, object?> { ["reservationId"] = record.Id });
        }
        if (record.Status == ReservationStatusValue.Failed)
            return record.Shortages is { Count: > 0 } shortages
                ? Short(shortages)
                : new Failure(ErrorCodes.ReservationNotActive, $"Reservation '{record.Id}' failed.");
        return record;
    }

    /// <summary>
    /// What a change asked of a record in <paramref name="status"/> expiring at <paramref name="expiresAt"/> does at
    /// <paramref name="now"/>: start by deciding an "-ing" state, answer again (it already happened), record the
    /// expiry that has passed, or refuse (not active).
    /// </summary>
    public static CartDecision Decide(ReservationStatusValue status, DateTimeOffset expiresAt, CartChange change, DateTimeOffset now)
    {
        var expired = expiresAt <= now;
        return (change, status) switch
        {
            (CartChange.Commit, ReservationStatusValue.Committed) => CartDecision.AlreadyDone,
            (CartChange.Release, ReservationStatusValue.Released) => CartDecision.AlreadyDone,
            (CartChange.ExpireNow, ReservationStatusValue.Expired) => CartDecision.AlreadyDone,
            (CartChange.ExpireNow, ReservationStatusValue.Active) => CartDecision.Start(ReservationStatusValue.Expiring),
            (CartChange.GiveUp, ReservationStatusValue.Active or ReservationStatusValue.Pending) => CartDecision.Start(ReservationStatusValue.Failing),
            (CartChange.GiveUp, _) => CartDecision.Nothing,
            (_, ReservationStatusValue.Active) when expired => CartDecision.ExpiredAlready,
            (CartChange.Commit, ReservationStatusValue.Active) => CartDecision.Start(ReservationStatusValue.Committing),
            (CartChange.Release, ReservationStatusValue.Active) => CartDecision.Start(ReservationStatusValue.Releasing),
            (CartChange.Extend, ReservationStatusValue.Active) => CartDecision.Start(ReservationStatusValue.Extending),
            _ => CartDecision.NotActive,
        };
    }

    /// <summary>The state a decision settles in once every line has followed it.</summary>
    public static ReservationStatusValue SettlesIn(ReservationStatusValue deciding) => deciding switch
    {
        ReservationStatusValue.Committing => ReservationStatusValue.Committed,
        ReservationStatusValue.Releasing => ReservationStatusValue.Released,
        ReservationStatusValue.Expiring => ReservationStatusValue.Expired,
        ReservationStatusValue.Extending => ReservationStatusValue.Active,
        ReservationStatusValue.Failing => ReservationStatusValue.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(deciding), deciding, "Not a decision."),
    };

    /// <summary>True for the "-ing" states: a change decided and not yet settled.</summary>
    public static bool IsDeciding(ReservationStatusValue status) => status is ReservationStatusValue.Committing
        or ReservationStatusValue.Releasing or ReservationStatusValue.Expiring or ReservationStatusValue.Extending
        or ReservationStatusValue.Failing;

    /// <summary>
    /// A cart found pending by recovery: with every line held the caller may have had its answer, so it rolls forward
    /// to active; with a line missing it rolls back (its held lines are released) to failed.
    /// </summary>
    public static ReservationStatusValue RecoverPending(bool everyLineHeld) =>
        everyLineHeld ? ReservationStatusValue.Active : ReservationStatusValue.Failed;

    private static bool SameLines(IReadOnlyList<ReservationLine> a, IReadOnlyList<ReservationLine> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Warehouse != b[i].Warehouse || a[i].Sku != b[i].Sku || a[i].Quantity != b[i].Quantity)
                return false;
        }
        return true;
    }

    private static decimal AvailableOf(Failure failure) =>
        failure.Details?.GetValueOrDefault("available") is decimal available ? available : 0m;
}

/// <summary>A change asked of a reservation after its creation.</summary>
public enum CartChange
{
    Commit,
    Release,
    Extend,
    ExpireNow,
    /// <summary>A create that hit a storage fault gives back what it may have held.</summary>
    GiveUp,
}

/// <summary>What <see cref="Cart.Decide"/> says a change does.</summary>
public readonly record struct CartDecision(CartDecisionKind Kind, ReservationStatusValue Deciding = default)
{
    public static CartDecision Start(ReservationStatusValue deciding) => new(CartDecisionKind.Start, deciding);
    public static readonly CartDecision AlreadyDone = new(CartDecisionKind.AlreadyDone);
    public static readonly CartDecision ExpiredAlready = new(CartDecisionKind.ExpiredAlready);
    public static readonly CartDecision NotActive = new(CartDecisionKind.NotActive);
    public static readonly CartDecision Nothing = new(CartDecisionKind.Nothing);
}

public enum CartDecisionKind
{
    /// <summary>Write the record in <see cref="CartDecision.Deciding"/>, then let every line follow.</summary>
    Start,
    /// <summary>It already happened: answer with the record as it is.</summary>
    AlreadyDone,
    /// <summary>Active, but its expiry has passed: record it as expired and refuse (not active).</summary>
    ExpiredAlready,
    /// <summary>Refused: the reservation is not active.</summary>
    NotActive,
    /// <summary>Nothing to do.</summary>
    Nothing,
}

/// <summary>The positions' answers to a create: how many lines were held, and the refusal when not all were.</summary>
public sealed record CartOutcome(int Held, int Lines, IReadOnlyList<LineShortage> Shortages, Failure? Refusal)
{
    public bool AllHeld => Held == Lines;
}
