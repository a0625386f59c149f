namespace Inventory.Domain;

[GenerateSerializer, Alias("inv.ReservationStatus")]
public enum ReservationStatus
{
    Active,
    Committed,
    Released,
    Expired,
}
