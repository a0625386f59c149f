namespace Inventory.Domain;

/// <summary>Why stock was adjusted by hand. Stored lower-case in the ledger.</summary>
[GenerateSerializer, Alias("inv.AdjustmentReason")]
public enum AdjustmentReason
{
    Count,
    Damage,
    Theft,
    Found,
    Expired,
    Correction,
}
