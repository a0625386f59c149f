namespace Inventory.Queries.Admin;

/// <summary>Which ledger entries to read: after a global sequence, optionally of one warehouse/SKU and a time range [From, To).</summary>
public sealed record LedgerQuery(long AfterSeq = 0, int Limit = 500, string? Warehouse = null, string? Sku = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public const int MaxLimit = 5000;
}
