using Inventory.Domain.Reservations;

namespace Inventory.Grains.Storage;

/// <summary>
/// Durable reservation records, written with a version check (VersionConflictException on mismatch). New records
/// arrive with the position commits that hold their lines (<see cref="PositionWrite.NewReservations"/>): a single
/// line's as the record (version 1); a cart's beside each line, and a cart so stored is at version 0 until its first
/// save: active when every line stored it, pending while one has not (<see cref="Cart.StoredWithLines"/>).
/// </summary>
public interface IReservationStore
{
    /// <summary>The record and its version (a cart not saved since its lines stored it: version 0, see above).</summary>
    Task<(ReservationRecord Record, long Version)?> LoadAsync(string reservationId, CancellationToken cancellationToken = default);

    /// <summary>expectedVersion 0 means "as its lines stored it" (nothing else saved since). Returns the new version.</summary>
    Task<long> SaveAsync(ReservationRecord record, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tidies a cart every line of which has stored it: its record becomes one row, still at version 0 and reading
    /// the same, so listings need not gather it from its lines. Nothing changes when it has been saved since. Not a
    /// change of the reservation: the cart reads active before and after, and a save at version 0 may come first.
    /// </summary>
    Task StoreHeldCartAsync(ReservationRecord cart, CancellationToken cancellationToken = default);

    /// <summary>Ids of reservations in the given states; with <paramref name="expiresBefore"/>, only those expiring before it.</summary>
    Task<IReadOnlyList<string>> ListIdsAsync(IReadOnlyCollection<ReservationStatusValue> statuses, DateTimeOffset? expiresBefore = null,
        CancellationToken cancellationToken = default);
}
