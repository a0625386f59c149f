using Inventory.Domain;
using Inventory.Domain.Reservations;

namespace Inventory.Grains.Reservations;

/// <summary>
/// One reservation's grain: runs its <see cref="Reservation"/> coordinator one call at a time and records its expiry
/// when it is due while in memory (otherwise the expiry sweep does). A reservation is created once and then,
/// typically minutes later, committed or released once: the grain leaves memory right after each of these calls and
/// after expire-now and the sweep's recovery; the next call loads the record again.
/// </summary>
public sealed class ReservationGrain(ReservationFactory reservations, TimeProvider time) : Grain, IReservationGrain
{
    private Reservation? _reservation;
    private IGrainTimer? _expiryTimer;
    private DateTimeOffset? _expiryScheduled;

    private Reservation Coordinator => _reservation ??= reservations.For(this.GetPrimaryKeyString());

    public Task<ReservationView?> GetAsync() => Run(r => r.GetAsync());

    public Task<Result<ReservationView>> CreateAsync(CreateReservation request, Actor actor) =>
        Run(r => r.CreateAsync(request, actor), leave: _ => true);

    public Task<Result<ReservationView>> CommitAsync(Actor actor) => Run(r => r.CommitAsync(actor), leave: r => r.IsSuccess);

    public Task<Result<ReservationView>> ReleaseAsync(Actor actor) => Run(r => r.ReleaseAsync(actor), leave: r => r.IsSuccess);

    public Task<Result<ReservationView>> ExtendAsync(TimeSpan ttl, Actor actor) => Run(r => r.ExtendAsync(ttl, actor));

    public Task<Result<ReservationView>> ExpireNowAsync(Actor actor) => Run(r => r.ExpireNowAsync(actor), leave: r => r.IsSuccess);

    /// <summary>Woken by the sweep (often for an abandoned checkout's expiry): it need not stay in memory afterwards.</summary>
    public Task<ReservationView?> RecoverAsync() => Run(r => r.RecoverAsync(), leave: _ => true);

    public Task<ReservationView?> ReconcileAsync() => Run(r => r.ReconcileAsync(), leave: _ => true);

    private async Task<T> Run<T>(Func<Reservation, Task<T>> call, Func<T, bool>? leave = null)
    {
        T result;
        try
        {
            result = await call(Coordinator);
        }
        catch
        {
            // A storage fault or a version conflict: the next call starts from the stored record.
            _reservation = null;
            throw;
        }
        if (leave?.Invoke(result) == true)
            DeactivateOnIdle();
        else
            ScheduleExpiry();
        return result;
    }

    /// <summary>Keeps one timer at the expiry of an active record, none otherwise.</summary>
    private void ScheduleExpiry()
    {
        var record = _reservation?.Record;
        DateTimeOffset? due = record is { Status: ReservationStatusValue.Active } ? record.ExpiresAt : null;
        if (due == _expiryScheduled) return;
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        _expiryScheduled = due;
        if (due is null) return;
        var delay = due.Value - time.GetUtcNow();
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        _expiryTimer = this.RegisterGrainTimer(async () =>
        {
            await Coordinator.MarkExpired();
            ScheduleExpiry();
        }, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));
    }
}
