namespace Inventory.Queries.Admin;

/// <summary>A page of ledger rows; <see cref="NextAfterSeq"/> continues it, <see cref="LastSeq"/> is the newest entry of the whole ledger.</summary>
public sealed record LedgerRows(IReadOnlyList<LedgerRow> Entries, long? NextAfterSeq, long LastSeq);
