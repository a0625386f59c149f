using Inventory.Domain;
using Inventory.Grains.Positions;
using Inventory.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Inventory.Grains.Reservations;

/// <summary>
/// Coordinates one reservation. The record rides with every line: each position stores it in the same commit that
/// holds the line, so no line is ever held without a record, and a checkout costs one round of durable writes. A
/// single line's record is stored active. A cart's is stored pending beside each held line and written active once
/// all are held, so a crash between lines leaves a pending record that recovery rolls back (and the positions expire
/// the lines anyway). Lines for the same position are merged first, so availability is checked against their sum.
/// Every later change (commit, release, extend, expire now, giving up after a storage fault) follows one protocol,
/// so a crash at any instant leaves a record and positions that agree or that recovery brings into agreement:
/// 1. the decision: the record is written in an "-ing" state (<see cref="ReservationStatusValue"/>);
/// 2. each position changes its line, idempotently (a repeat is a replay, a line already gone is "not held");
/// 3. the record is written in the state it was heading for.
/// <see cref="SettleAsync"/> finishes step 2 and 3 for a record found in an "-ing" state: every call does it first,
/// and the expiry sweep does it at start-up and every interval (<see cref="RecoverAsync"/>).
/// Not thread-safe: one call at a time, which <see cref="ReservationGrain"/> guarantees for an id anybody may name,
/// and a checkout under an id it has just generated guarantees by being the only one who knows it
/// (<see cref="ReservationFactory"/>).
/// </summary>
public sealed partial class Reservation(
    string id,
    IReservationStore store,
    ReservationOptions options,
    GrainRefs refs,
    TimeProvider time,
    ILogger logger)
{
    public string Id => id;

    private ReservationRecord? _record;
    private long _version;
    private bool _loaded;

    private DateTimeOffset Now => time.UtcNowMicroseconds();

    /// <summary>The record as last read or written; null before loading and when none is stored.</summary>
    public ReservationRecord? Record => _record;

    /// <summary>Loaded on first use rather than on activation, so a create under a fresh id reads nothing.</summary>
    private async Task EnsureLoadedAsync()
    {
        if (_loaded) return;
        if (await store.LoadAsync(Id) is { } loaded)
            (_record, _version) = loaded;
        _loaded = true;
    }

    public async Task<ReservationView?> GetAsync()
    {
        await LoadAndSettleAsync(Actor.System);
        return _record is null ? null : ReservationView.Of(_record, Now);
    }

    /// <summary>Loads the record and finishes a change a crash (or a storage fault) left decided but not done.</summary>
    private async Task<Failure?> LoadAndSettleAsync(Actor actor)
    {
        await EnsureLoadedAsync();
        return await SettleAsync(actor);
    }

    public async Task<Result<ReservationView>> CreateAsync(CreateReservation request, Actor actor)
    {
        var validation = Validate(request, out var lines, out var ttl);
        if (validation is not null)
            return validation;

        if (request.NewId && !_loaded)
            _loaded = true; // a fresh id: nothing stored (the insert's version check would catch a collision)
        await EnsureLoadedAsync();
        if (_record is not null)
            return Replay(lines);

        var now = Now;
        var expiresAt = now + ttl;
        // One line: held means complete, so the record is stored active. Several: pending until every line is held.
        var record = new ReservationRecord(Id, lines.Count == 1 ? ReservationStatusValue.Active : ReservationStatusValue.Pending,
            lines, expiresAt, now, now, request.Reference, actor.User);
        var lineExpiry = expiresAt + options.CommitGrace;

        Result<Movement>[] results;
        try
        {
            results = await ForEachLine(lines, (p, line) => p.ReserveAsync(Id, line.Quantity, lineExpiry, actor, request.Reference, record));
        }
        catch
        {
            // A position could not persist (its callers all failed), but another line, or this one before its answer
            // was lost, may be held with the record.
            await GiveUpAsync(actor);
            throw;
        }

        var shortages = new List<LineShortage>();
        Failure? otherFailure = null;
        var held = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (results[i].IsSuccess)
            {
                held++;
                continue;
            }
            var failure = results[i].Failure!;
            if (failure.Code == ErrorCodes.InsufficientStock)
                shortages.Add(new LineShortage(lines[i].Warehouse, lines[i].Sku, lines[i].Quantity, AvailableOf(failure)));
            else
                otherFailure ??= failure;
        }
        // Every held line's commit carried the record: a single line's is stored (version 1); a cart's lines each
        // stored it as a pending line, and its first save writes the record itself (version 0 → 1).
        (_record, _version) = held == 0 ? (null, 0L) : (record, lines.Count == 1 ? 1L : 0L);

        if (held == lines.Count)
        {
            // Every line is held and durable. A cart's record is written active before the answer, so a commit that
            // follows at once finds it active. A crash before this write leaves a pending record whose lines are all
            // held: recovery rolls it forward to active (and back when a line is missing).
            if (record.Status == ReservationStatusValue.Pending)
            {
                try
                {
                    await Save(record with { Status = ReservationStatusValue.Active, UpdatedAt = Now });
                }
                catch
                {
                    await GiveUpAsync(actor); // the caller gets an error, so the lines must not stay held
                    throw;
                }
            }
            return ReservationView.Of(_record!, Now);
        }

        // All or nothing: give back what was held before answering.
        for (var i = 0; i < lines.Count; i++)
        {
            if (results[i].IsSuccess)
                await Position(lines[i]).ReleaseAsync(Id, actor);
        }
        // The refusal is stored so a retry under the same id gets the same answer; under an id the server has just
        // generated nobody can ask again, so a refusal that held nothing stores nothing.
        if (held > 0 || !request.NewId)
            await Save(record with { Status = ReservationStatusValue.Failed, UpdatedAt = Now, Shortages = shortages });
        LogRefused(logger, Id, shortages.Count);
        return otherFailure ?? ShortageFailure(shortages);
    }

    public Task<Result<ReservationView>> CommitAsync(Actor actor) =>
        EndAsync(ReservationStatusValue.Committing, ReservationStatusValue.Committed, actor);

    public Task<Result<ReservationView>> ReleaseAsync(Actor actor) =>
        EndAsync(ReservationStatusValue.Releasing, ReservationStatusValue.Released, actor);

    /// <summary>
    /// Commit or release: an active record decides <paramref name="deciding"/> and settles; one already
    /// <paramref name="ended"/> answers again; anything else (expired included) is not active.
    /// </summary>
    private async Task<Result<ReservationView>> EndAsync(ReservationStatusValue deciding, ReservationStatusValue ended, Actor actor)
    {
        if (await LoadAndSettleAsync(actor) is { } unsettled) return unsettled;
        if (_record is null) return Failure.ReservationNotFound(Id);
        if (_record.Status == ended)
            return ReservationView.Of(_record, Now);
        if (_record.Status != ReservationStatusValue.Active)
            return NotActive();
        if (_record.ExpiresAt <= Now)
        {
            await MarkExpired();
            return NotActive();
        }
        if (await DecideAsync(_record with { Status = deciding, UpdatedAt = Now }, actor) is { } failure)
            return failure;
        return ReservationView.Of(_record, Now);
    }

    public async Task<Result<ReservationView>> ExtendAsync(TimeSpan ttl, Actor actor)
    {
        if (await LoadAndSettleAsync(actor) is { } unsettled) return unsettled;
        if (_record is null) return Failure.ReservationNotFound(Id);
        if (ttl <= TimeSpan.Zero || ttl > options.MaxTtl)
            return new Failure(ErrorCodes.InvalidExpiry, $"ttl must be between 1 second and {options.MaxTtl.TotalSeconds} seconds.");
        if (_record.Status != ReservationStatusValue.Active) return NotActive();
        if (_record.ExpiresAt <= Now)
        {
            await MarkExpired();
            return NotActive();
        }

        if (await DecideAsync(_record with { Status = ReservationStatusValue.Extending, ExpiresAt = Now + ttl, UpdatedAt = Now }, actor) is { } failure)
            return failure;
        return _record.Status == ReservationStatusValue.Active ? ReservationView.Of(_record, Now) : NotActive();
    }

    public async Task<Result<ReservationView>> ExpireNowAsync(Actor actor)
    {
        if (await LoadAndSettleAsync(actor) is { } unsettled) return unsettled;
        if (_record is null) return Failure.ReservationNotFound(Id);
        switch (_record.Status)
        {
            case ReservationStatusValue.Expired:
                return ReservationView.Of(_record, Now);
            case ReservationStatusValue.Active:
                var now = Now;
                var expiring = _record with
                {
                    Status = ReservationStatusValue.Expiring,
                    ExpiresAt = now < _record.ExpiresAt ? now : _record.ExpiresAt,
                    UpdatedAt = now,
                };
                if (await DecideAsync(expiring, actor) is { } failure)
                    return failure;
                LogExpiredNow(logger, Id, actor.User);
                return ReservationView.Of(_record, Now);
            default:
                return NotActive();
        }
    }

    /// <summary>
    /// After a storage fault during a create: decides "failing" where a record got stored, then gives the lines back.
    /// If even this fails, recovery finishes it (a cart in flight rolls back unless every line is held).
    /// </summary>
    private async Task GiveUpAsync(Actor actor)
    {
        (_record, _version, _loaded) = (null, 0L, false);
        await EnsureLoadedAsync();
        if (_record is { Status: ReservationStatusValue.Active or ReservationStatusValue.Pending })
            await DecideAsync(_record with { Status = ReservationStatusValue.Failing, UpdatedAt = Now }, actor);
    }

    /// <summary>Step 1 of the protocol: the durable decision. Then steps 2 and 3 at once.</summary>
    private async Task<Failure?> DecideAsync(ReservationRecord decided, Actor actor)
    {
        await Save(decided);
        return await SettleAsync(actor);
    }

    /// <summary>
    /// Steps 2 and 3 of the protocol for a record in an "-ing" state; nothing to do otherwise. Every step is safe to
    /// repeat, so a crash anywhere in here is finished by the next call or by recovery. Returns the failure that
    /// keeps the record from settling (it then stays in its "-ing" state and is tried again), or null.
    /// </summary>
    private async Task<Failure?> SettleAsync(Actor actor)
    {
        switch (_record?.Status)
        {
            case ReservationStatusValue.Committing:
                var committed = await FinishCommit(actor);
                return committed.IsSuccess ? null : committed.Failure;
            case ReservationStatusValue.Releasing:
                return await EndLinesAsync(p => p.ReleaseAsync(Id, actor), ReservationStatusValue.Released);
            case ReservationStatusValue.Failing:
                return await EndLinesAsync(p => p.ReleaseAsync(Id, actor), ReservationStatusValue.Failed);
            case ReservationStatusValue.Expiring:
                return await EndLinesAsync(p => p.ExpireReservationAsync(Id, actor), ReservationStatusValue.Expired);
            case ReservationStatusValue.Extending:
                return await FinishExtendAsync(actor);
            default:
                return null;
        }
    }

    /// <summary>Every line stops holding stock (given back or already gone), then the record takes its end state.</summary>
    private async Task<Failure?> EndLinesAsync(Func<IStockPositionGrain, Task<Result<Movement>>> end, ReservationStatusValue endState)
    {
        var results = await ForEachLine(_record!.Lines, (p, _) => end(p));
        foreach (var result in results)
        {
            // Not found or no longer active: the line holds nothing, which is all this step needs.
            if (!result.IsSuccess && result.Failure!.Code is not (ErrorCodes.ReservationNotFound or ErrorCodes.ReservationNotActive))
                return result.Failure;
        }
        await Save(_record with { Status = endState, UpdatedAt = Now });
        return null;
    }

    /// <summary>
    /// The lines follow the record's new expiry. A line that can no longer be extended (its position expired it, or
    /// the new expiry has passed while the service was down) turns the extension into an expiry: the caller never
    /// had an answer, and a reservation holding some lines but not others is what must never be left behind.
    /// </summary>
    private async Task<Failure?> FinishExtendAsync(Actor actor)
    {
        var record = _record!;
        if (record.ExpiresAt > Now)
        {
            var results = await ForEachLine(record.Lines, (p, _) => p.ExtendAsync(Id, record.ExpiresAt + options.CommitGrace, actor));
            var failure = results.Where(r => !r.IsSuccess).Select(r => r.Failure).FirstOrDefault();
            if (failure is null)
            {
                await Save(record with { Status = ReservationStatusValue.Active, UpdatedAt = Now });
                return null;
            }
            if (failure.Code is not (ErrorCodes.ReservationNotFound or ErrorCodes.ReservationNotActive or ErrorCodes.InvalidExpiry))
                return failure;
        }
        LogRecovered(logger, Id, "extending", "expiring");
        await Save(record with { Status = ReservationStatusValue.Expiring, ExpiresAt = record.ExpiresAt < Now ? record.ExpiresAt : Now, UpdatedAt = Now });
        return await SettleAsync(actor);
    }

    public async Task<ReservationView?> RecoverAsync()
    {
        await EnsureLoadedAsync();
        if (_record is null) return null;
        var from = _record.Status;
        if (await SettleAsync(Actor.System) is null && from != _record.Status)
            LogRecovered(logger, Id, from.ToString(), _record.Status.ToString());
        switch (_record.Status)
        {
            case ReservationStatusValue.Pending when await AllLinesHeldAsync(_record):
                // Crashed after every line was held but before "active" was written: the caller may have had its
                // answer, so roll forward.
                await Save(_record with { Status = ReservationStatusValue.Active, UpdatedAt = Now });
                LogRecovered(logger, Id, "pending", "active");
                break;
            case ReservationStatusValue.Pending:
                // Crashed between lines: roll back. Releasing a line that was never held is a harmless "not found".
                await ForEachLine(_record.Lines, (p, _) => p.ReleaseAsync(Id, Actor.System));
                await Save(_record with { Status = ReservationStatusValue.Failed, UpdatedAt = Now });
                LogRecovered(logger, Id, "pending", "failed");
                break;
            case ReservationStatusValue.Active when _record.ExpiresAt <= Now:
                await MarkExpired();
                break;
        }
        return ReservationView.Of(_record, Now);
    }

    public async Task<ReservationView?> ReconcileAsync()
    {
        await LoadAndSettleAsync(Actor.System);
        if (_record is { Status: ReservationStatusValue.Active } record && record.ExpiresAt > Now && !await AllLinesHeldAsync(record))
        {
            LogRecovered(logger, Id, "active with a line not held", "releasing");
            await DecideAsync(record with { Status = ReservationStatusValue.Releasing, UpdatedAt = Now }, Actor.System);
        }
        return _record is null ? null : ReservationView.Of(_record, Now);
    }

    private async Task<bool> AllLinesHeldAsync(ReservationRecord record)
    {
        foreach (var line in record.Lines)
        {
            var snapshot = await Position(line).GetSnapshotAsync();
            var held = snapshot.Reservations.Any(r =>
                r.Id == Id && r.Status == ReservationStatus.Active && r.Quantity == line.Quantity);
            if (!held) return false;
        }
        return true;
    }

    private async Task<Result<ReservationView>> FinishCommit(Actor actor)
    {
        var record = _record!;
        var results = await ForEachLine(record.Lines, (p, _) => p.CommitAsync(Id, actor));
        var lines = new ReservationLine[record.Lines.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            if (!results[i].IsSuccess)
            {
                // Stays Committing: the lines that did commit cannot be un-sold, so recovery keeps rolling forward.
                LogCommitIncomplete(logger, Id, record.Lines[i].Warehouse, record.Lines[i].Sku, results[i].Failure!.Code);
                return results[i].Failure!;
            }
            lines[i] = record.Lines[i] with { CostOfGoods = results[i].Value.CostOfGoods };
        }
        await Save(record with { Status = ReservationStatusValue.Committed, Lines = lines, UpdatedAt = Now });
        return ReservationView.Of(_record!, Now);
    }

    /// <summary>The positions expire their lines themselves (after the commit grace); this only records it.</summary>
    public async Task MarkExpired()
    {
        if (_record is { Status: ReservationStatusValue.Active })
            await Save(_record with { Status = ReservationStatusValue.Expired, UpdatedAt = Now });
    }

    private Result<ReservationView> Replay(IReadOnlyList<ReservationLine> lines)
    {
        var record = _record!;
        if (!SameLines(record.Lines, lines))
        {
            return new Failure(ErrorCodes.ReservationConflict,
                $"Reservation '{Id}' already exists with different lines.",
                new Dictionary<string, object?> { ["reservationId"] = Id });
        }
        if (record.Status == ReservationStatusValue.Failed)
            return record.Shortages is { Count: > 0 } shortages
                ? ShortageFailure(shortages)
                : new Failure(ErrorCodes.ReservationNotActive, $"Reservation '{Id}' failed.");
        return ReservationView.Of(record, Now);
    }

    private Failure? Validate(CreateReservation request, out IReadOnlyList<ReservationLine> lines, out TimeSpan ttl)
    {
        lines = [];
        ttl = request.Ttl ?? options.DefaultTtl;
        if (request.Lines is null || request.Lines.Count == 0)
            return new Failure(ErrorCodes.ValidationFailed, "A reservation needs at least one line.");
        if (request.Lines.Count > options.MaxLines)
            return new Failure(ErrorCodes.ValidationFailed, $"A reservation may have at most {options.MaxLines} lines.");
        if (ttl <= TimeSpan.Zero || ttl > options.MaxTtl)
            return new Failure(ErrorCodes.InvalidExpiry, $"ttl must be between 1 second and {options.MaxTtl.TotalSeconds} seconds.");

        var merged = new Dictionary<(string Warehouse, string Sku), decimal>();
        foreach (var line in request.Lines)
        {
            if (string.IsNullOrWhiteSpace(line.Warehouse) || string.IsNullOrWhiteSpace(line.Sku))
                return new Failure(ErrorCodes.ValidationFailed, "Every line needs a warehouse and a sku.");
            if (line.Quantity <= 0)
                return Failure.InvalidQuantity(line.Quantity);
            var key = (line.Warehouse, line.Sku);
            merged[key] = merged.GetValueOrDefault(key) + line.Quantity;
        }
        var result = merged.Select(m => new ReservationLine(m.Key.Warehouse, m.Key.Sku, m.Value)).ToList();
        result.Sort(static (a, b) =>
        {
            var byWarehouse = string.CompareOrdinal(a.Warehouse, b.Warehouse);
            return byWarehouse != 0 ? byWarehouse : string.CompareOrdinal(a.Sku, b.Sku);
        });
        lines = result;
        return null;
    }

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

    private static Failure ShortageFailure(IReadOnlyList<LineShortage> shortages) =>
        new(ErrorCodes.InsufficientStock,
            shortages.Count == 1
                ? $"Only {shortages[0].Available} available of {shortages[0].Warehouse}/{shortages[0].Sku}, {shortages[0].Requested} requested."
                : $"{shortages.Count} lines cannot be reserved.",
            new Dictionary<string, object?> { ["lines"] = shortages });

    private static decimal AvailableOf(Failure failure) =>
        failure.Details?.GetValueOrDefault("available") is decimal available ? available : 0m;

    private Failure NotActive() =>
        Failure.ReservationNotActive(Id, ReservationView.Of(_record!, Now).Status switch
        {
            "committed" => ReservationStatus.Committed,
            "released" => ReservationStatus.Released,
            _ => ReservationStatus.Expired,
        });

    private IStockPositionGrain Position(ReservationLine line) =>
        refs.Get<IStockPositionGrain>(new PositionKey(line.Warehouse, line.Sku).ToString());

    private async Task<Result<Movement>[]> ForEachLine(IReadOnlyList<ReservationLine> lines,
        Func<IStockPositionGrain, ReservationLine, Task<Result<Movement>>> call)
    {
        var tasks = new Task<Result<Movement>>[lines.Count];
        for (var i = 0; i < tasks.Length; i++)
            tasks[i] = call(Position(lines[i]), lines[i]);
        return await Task.WhenAll(tasks);
    }

    private async Task Save(ReservationRecord record)
    {
        _version = await store.SaveAsync(record, _version);
        _record = record;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reservation {ReservationId} refused: {ShortLines} short lines")]
    private static partial void LogRefused(ILogger logger, string reservationId, int shortLines);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reservation {ReservationId} commit incomplete at {Warehouse}/{Sku}: {Code}")]
    private static partial void LogCommitIncomplete(ILogger logger, string reservationId, string warehouse, string sku, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reservation {ReservationId} expired now by {User}")]
    private static partial void LogExpiredNow(ILogger logger, string reservationId, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reservation {ReservationId} recovered from {From} to {To}")]
    private static partial void LogRecovered(ILogger logger, string reservationId, string from, string to);
}
