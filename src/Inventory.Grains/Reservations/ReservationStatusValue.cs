namespace Inventory.Grains.Reservations;

/// <summary>
/// Lifecycle of a multi-line reservation. Pending and Committing are in-flight states that recovery finishes
/// after a crash (pending is rolled back, committing is rolled forward). Failed keeps the first refusal so a
/// repeat with the same id returns it. A reservation is never partially committed.
/// </summary>
public enum ReservationStatusValue
{
    Pending,
    Active,
    Committing,
    Committed,
    Released,
    Expired,
    Failed,
}
