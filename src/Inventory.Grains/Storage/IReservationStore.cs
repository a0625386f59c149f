using Inventory.Domain.Reservations;

namespace Inventory.Grains.Storage;

/// <summary>
/// Durable reservation records, written with a version check (VersionConflictException on mismatch). New records
/// arrive with the position commits that hold their lines (<see cref="PositionWrite.NewReservations"/>): a single
/// line's as the record (version 1), a cart's as pending lines, which load as a pending record at version 0.
/// </summary>
public interface IReservationStore
{
    /// <summary>The record and its version; a cart whose record is not yet saved but whose lines hold it: pending, version 0.</summary>
    Task<(ReservationRecord Record, long Version)?> LoadAsync(string reservationId, CancellationToken cancellationToken = default);

    /// <summary>expectedVersion 0 means "no record yet" (it replaces the pending lines). Returns the new version.</summary>
    Task<long> SaveAsync(ReservationRecord record, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Ids of reservations in the given states; with <paramref name="expiresBefore"/>, only those expiring before it.</summary>
    Task<IReadOnlyList<string>> ListIdsAsync(IReadOnlyCollection<ReservationStatusValue> statuses, DateTimeOffset? expiresBefore = null,
        CancellationToken cancellationToken = default);
}
