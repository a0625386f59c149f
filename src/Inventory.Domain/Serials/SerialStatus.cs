namespace Inventory.Domain.Serials;

/// <summary>Where one serial-numbered item is in its life. Stored and shown lower-case.</summary>
[GenerateSerializer, Alias("inv.SerialStatus")]
public enum SerialStatus
{
    Available,
    Reserved,
    Sold,
    Delivered,
}
