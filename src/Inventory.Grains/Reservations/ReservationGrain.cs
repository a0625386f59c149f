using Inventory.Domain;

namespace Inventory.Grains.Reservations;

/// <summary>
/// One reservation's grain: runs its <see cref="Reservation"/> coordinator one call at a time, so calls under an id
/// anybody may send again never overlap. A reservation is created once and then, typically minutes later, committed
/// or released once: the grain leaves memory right after each of these calls and after expire-now and the sweep's
/// recovery; the next call loads the record again. An expiry is recorded by the expiry sweep, or by the first call
/// that finds it due; reads report it as soon as it is due.
/// </summary>
public sealed class ReservationGrain(ReservationFactory reservations) : Grain, IReservationGrain
{
    private Reservation? _reservation;

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
        return result;
    }
}
