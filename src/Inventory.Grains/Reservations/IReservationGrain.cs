using Inventory.Domain;

namespace Inventory.Grains.Reservations;

/// <summary>A checkout or order (key: reservation id) holding stock on many positions, all or nothing.</summary>
[Alias("inv.IReservationGrain")]
public interface IReservationGrain : IGrainWithStringKey
{
    /// <summary>Holds every line or none; a shortage refusal lists every short line. Repeating returns the first result.</summary>
    Task<Result<ReservationView>> CreateAsync(CreateReservation request, Actor actor);
    Task<Result<ReservationView>> CommitAsync(Actor actor);
    Task<Result<ReservationView>> ReleaseAsync(Actor actor);
    Task<Result<ReservationView>> ExtendAsync(TimeSpan ttl, Actor actor);
    /// <summary>
    /// Ends an active reservation as expired now (an operator's "expire now"): every line's stock becomes available
    /// at once, without the commit grace. Repeating it on an expired reservation returns it unchanged.
    /// </summary>
    Task<Result<ReservationView>> ExpireNowAsync(Actor actor);
    Task<ReservationView?> GetAsync();
    /// <summary>Finishes what a crash interrupted (pending rolls back or forward, every "-ing" state forward) and records expiry.</summary>
    Task<ReservationView?> RecoverAsync();
    /// <summary>Reconcile's repair: an active record whose positions do not all hold its lines is released (what is still held is given back).</summary>
    Task<ReservationView?> ReconcileAsync();
}
