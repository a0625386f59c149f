namespace Inventory.Grains.Transfers;

/// <summary>Stable codes of transfer failures. Never rename one.</summary>
public static class TransferErrorCodes
{
    public const string TransferNotFound = "TRANSFER_NOT_FOUND";
    public const string TransferConflict = "TRANSFER_CONFLICT";
    /// <summary>A receipt or close of a transfer that has nothing in transit (pending, completed or failed).</summary>
    public const string TransferNotInTransit = "TRANSFER_NOT_IN_TRANSIT";
    /// <summary>A receipt of more than is in transit (in all, or of one lot).</summary>
    public const string TransitExceeded = "TRANSIT_EXCEEDED";
}
