using Inventory.Domain;

namespace Inventory.Queries;

/// <summary>A page of one position's ledger: entries with their global ledger number, in position order.</summary>
public sealed record LedgerPage(IReadOnlyList<(long LedgerSeq, LedgerEntry Entry)> Entries, bool HasMore);
