namespace Inventory.Domain.Reservations;

/// <summary>
/// Lifecycle of a reservation record. Every change that touches the positions is decided by one durable write of
/// the record into an "-ing" state first (Committing, Releasing, Expiring, Extending, Failing); then each position
/// changes its line (idempotently, keyed by the reservation id); then the record is written in the state it was
/// heading for. A crash in between leaves the "-ing" state, which recovery (and the next call) finishes forward.
/// Pending is a cart whose lines are being held: recovery rolls it forward when every line is held, else back.
/// Failed keeps the first refusal so a repeat with the same id returns it. Never partially committed.
/// </summary>
[GenerateSerializer, Alias("inv.ReservationStatusValue")]
public enum ReservationStatusValue
{
    Pending,
    Active,
    Committing,
    Committed,
    Released,
    Expired,
    Failed,
    /// <summary>Decided to release: the positions give back their lines, then Released.</summary>
    Releasing,
    /// <summary>Decided to expire now (ExpiresAt already moved): the positions expire their lines, then Expired.</summary>
    Expiring,
    /// <summary>Decided to move the expiry (ExpiresAt is the new one): the positions follow, then Active.</summary>
    Extending,
    /// <summary>Decided to give up a checkout that hit a storage fault: the positions give back, then Failed.</summary>
    Failing,
}

/// <summary>Groups of <see cref="ReservationStatusValue"/> that the sweep and the checks share.</summary>
public static class ReservationStatusValues
{
    /// <summary>Between a decision and its end state (or a cart still being held): recovery finishes these.</summary>
    public static readonly IReadOnlyList<ReservationStatusValue> InFlight =
        [ReservationStatusValue.Pending, .. Enum.GetValues<ReservationStatusValue>().Where(Cart.IsDeciding)];
}
