using Inventory.Domain;
using Inventory.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.Grains.Reservations;

/// <summary>
/// Makes the <see cref="Reservation"/> coordinator of one id. Every id anybody may name again (a client's, one derived
/// from an Idempotency-Key, a work order's) is coordinated inside its <see cref="IReservationGrain"/>, one call at a
/// time. A checkout under an id the server has just generated (<see cref="CreateReservation.NewId"/>) can run here,
/// outside any grain: nobody else knows the id until the answer, and the record is durable before it, so the grain
/// that later commits or releases it loads it like any other. That spares each checkout a grain activation, its
/// placement, directory entry and deactivation.
/// </summary>
public sealed class ReservationFactory(IReservationStore store, IOptions<ReservationOptions> options, GrainRefs refs, TimeProvider time,
    ILogger<Reservation> logger)
{
    public Reservation For(string id) => new(id, store, options.Value, refs, time, logger);

    /// <summary>Creates a reservation under an id the caller has just generated (see the class summary).</summary>
    public Task<Result<ReservationView>> CreateFreshAsync(string id, CreateReservation request, Actor actor) =>
        For(id).CreateAsync(request with { NewId = true }, actor);
}
