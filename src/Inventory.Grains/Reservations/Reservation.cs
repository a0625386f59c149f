using Inventory.Domain;
using Inventory.Domain.Reservations;
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
        var record = new ReservationRecord(Id, Cart.FirstState(lines.Count), lines, expiresAt, now, now, request.Reference, actor.User);
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

        var outcome = Cart.Outcome(lines, [.. results.Select(r => r.Failure)]);
        // Every held line's commit carried the record: a single line's is stored (version 1); a cart's lines each
        // stored it as a pending line, and its first save writes the record itself (version 0 → 1).
        (_record, _version) = outcome.Held == 0 ? (null, 0L) : (record, lines.Count == 1 ? 1L : 0L);

        if (outcome.AllHeld)
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
        if (outcome.Held > 0 || !request.NewId)
            await Save(record with { Status = ReservationStatusValue.Failed, UpdatedAt = Now, Shortages = outcome.Shortages });
        LogRefused(logger, Id, outcome.Shortages.Count);
        return outcome.Refusal!;
    }

    public Task<Result<ReservationView>> CommitAsync(Actor actor) => ChangeAsync(CartChange.Commit, actor);

    public Task<Result<ReservationView>> ReleaseAsync(Actor actor) => ChangeAsync(CartChange.Release, actor);

    public async Task<Result<ReservationView>> ExtendAsync(TimeSpan ttl, Actor actor)
    {
        if (ttl <= TimeSpan.Zero || ttl > options.MaxTtl)
        {
            if (await LoadAndSettleAsync(actor) is { } unsettled) return unsettled;
            return _record is null
                ? Failure.ReservationNotFound(Id)
                : new Failure(ErrorCodes.InvalidExpiry, $"ttl must be between 1 second and {options.MaxTtl.TotalSeconds} seconds.");
        }
        var result = await ChangeAsync(CartChange.Extend, actor, ttl);
        return result.IsSuccess && _record!.Status != ReservationStatusValue.Active ? NotActive() : result;
    }

    public Task<Result<ReservationView>> ExpireNowAsync(Actor actor) => ChangeAsync(CartChange.ExpireNow, actor);

    /// <summary>
    /// A change after the creation, as <see cref="Cart.Decide"/> rules: the decision written and settled, the record
    /// answered again, a passed expiry recorded, or a refusal.
    /// </summary>
    private async Task<Result<ReservationView>> ChangeAsync(CartChange change, Actor actor, TimeSpan ttl = default)
    {
        if (await LoadAndSettleAsync(actor) is { } unsettled) return unsettled;
        if (_record is null) return Failure.ReservationNotFound(Id);
        var now = Now;
        var decision = Cart.Decide(_record.Status, _record.ExpiresAt, change, now);
        switch (decision.Kind)
        {
            case CartDecisionKind.AlreadyDone:
                return ReservationView.Of(_record, now);
            case CartDecisionKind.ExpiredAlready:
                await MarkExpired();
                return NotActive();
            case CartDecisionKind.Start:
                var expiresAt = change switch
                {
                    CartChange.Extend => now + ttl,
                    CartChange.ExpireNow when now < _record.ExpiresAt => now,
                    _ => _record.ExpiresAt,
                };
                if (await DecideAsync(_record with { Status = decision.Deciding, ExpiresAt = expiresAt, UpdatedAt = now }, actor) is { } failure)
                    return failure;
                if (change == CartChange.ExpireNow) LogExpiredNow(logger, Id, actor.User);
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
        if (_record is not null && Cart.Decide(_record.Status, _record.ExpiresAt, CartChange.GiveUp, Now) is { Kind: CartDecisionKind.Start } decision)
            await DecideAsync(_record with { Status = decision.Deciding, UpdatedAt = Now }, actor);
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
            case ReservationStatusValue.Releasing or ReservationStatusValue.Failing:
                return await EndLinesAsync(p => p.ReleaseAsync(Id, actor));
            case ReservationStatusValue.Expiring:
                return await EndLinesAsync(p => p.ExpireReservationAsync(Id, actor));
            case ReservationStatusValue.Extending:
                return await FinishExtendAsync(actor);
            default:
                return null;
        }
    }

    /// <summary>Every line stops holding stock (given back or already gone), then the record settles.</summary>
    private async Task<Failure?> EndLinesAsync(Func<IStockPositionGrain, Task<Result<Movement>>> end)
    {
        var results = await ForEachLine(_record!.Lines, (p, _) => end(p));
        foreach (var result in results)
        {
            // Not found or no longer active: the line holds nothing, which is all this step needs.
            if (!result.IsSuccess && result.Failure!.Code is not (ErrorCodes.ReservationNotFound or ErrorCodes.ReservationNotActive))
                return result.Failure;
        }
        await Save(_record with { Status = Cart.SettlesIn(_record.Status), UpdatedAt = Now });
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
                await Save(record with { Status = Cart.SettlesIn(record.Status), UpdatedAt = Now });
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
        if (_record.Status == ReservationStatusValue.Pending)
        {
            // A cart a crash left while its lines were being held: forward when every line is held (the caller may
            // have had its answer), else back. Releasing a line that was never held is a harmless "not found".
            var to = Cart.RecoverPending(await AllLinesHeldAsync(_record));
            if (to != ReservationStatusValue.Active)
                await ForEachLine(_record.Lines, (p, _) => p.ReleaseAsync(Id, Actor.System));
            await Save(_record with { Status = to, UpdatedAt = Now });
            LogRecovered(logger, Id, "pending", to.ToString());
        }
        else if (_record.Status == ReservationStatusValue.Active && _record.ExpiresAt <= Now)
        {
            await MarkExpired();
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
        await Save(record with { Status = Cart.SettlesIn(record.Status), Lines = lines, UpdatedAt = Now });
        return ReservationView.Of(_record!, Now);
    }

    /// <summary>The positions expire their lines themselves (after the commit grace); this only records it.</summary>
    private async Task MarkExpired()
    {
        if (_record is { Status: ReservationStatusValue.Active })
            await Save(_record with { Status = ReservationStatusValue.Expired, UpdatedAt = Now });
    }

    private Result<ReservationView> Replay(IReadOnlyList<ReservationLine> lines)
    {
        var replay = Cart.Replay(_record!, lines);
        return replay.IsSuccess ? ReservationView.Of(replay.Value, Now) : replay.Failure!;
    }

    private Failure? Validate(CreateReservation request, out IReadOnlyList<ReservationLine> lines, out TimeSpan ttl)
    {
        lines = [];
        ttl = request.Ttl ?? options.DefaultTtl;
        var checkedLines = Cart.Lines(request.Lines, options.MaxLines);
        if (!checkedLines.IsSuccess && (request.Lines is not { Count: > 0 } || request.Lines.Count > options.MaxLines))
            return checkedLines.Failure;
        if (ttl <= TimeSpan.Zero || ttl > options.MaxTtl)
            return new Failure(ErrorCodes.InvalidExpiry, $"ttl must be between 1 second and {options.MaxTtl.TotalSeconds} seconds.");
        if (!checkedLines.IsSuccess)
            return checkedLines.Failure;
        lines = checkedLines.Value;
        return null;
    }

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
