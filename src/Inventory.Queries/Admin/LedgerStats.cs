namespace Inventory.Queries.Admin;

/// <summary>Where one position's ledger stands.</summary>
public sealed record LedgerStats(long Entries, long LastPositionSeq, long? LastLedgerSeq, DateTimeOffset? LastMovementAt)
{
    public static readonly LedgerStats Empty = new(0, 0, null, null);
}
