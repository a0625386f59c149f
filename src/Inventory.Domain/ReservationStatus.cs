namespace Inventory.Domain;

public enum ReservationStatus
{
    Active,
    Committed,
    Released,
    Expired,
}
