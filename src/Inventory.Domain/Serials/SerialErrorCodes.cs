namespace Inventory.Domain.Serials;

/// <summary>Stable failure codes of serial-numbered items. Clients depend on these strings: never rename one.</summary>
public static class SerialErrorCodes
{
    public const string SerialNotFound = "SERIAL_NOT_FOUND";
    public const string SerialAlreadyRegistered = "SERIAL_ALREADY_REGISTERED";
    public const string SerialReferenceMismatch = "SERIAL_REFERENCE_MISMATCH";
}
