using Inventory.Grains.Reservations;

namespace Inventory.Grains.Storage;

/// <summary>Durable reservation records, written with a version check (VersionConflictException on mismatch).</summary>
public interface IReservationStore
{
    Task<(ReservationRecord Record, long Version)?> LoadAsync(string reservationId, CancellationToken cancellationToken = default);

    /// <summary>expectedVersion 0 means "must not exist yet". Returns the new version.</summary>
    Task<long> SaveAsync(ReservationRecord record, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Ids of reservations in the given states; with <paramref name="expiresBefore"/>, only those expiring before it.</summary>
    Task<IReadOnlyList<string>> ListIdsAsync(IReadOnlyCollection<ReservationStatusValue> statuses, DateTimeOffset? expiresBefore = null,
        CancellationToken cancellationToken = default);
}
