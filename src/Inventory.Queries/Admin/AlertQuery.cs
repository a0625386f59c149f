namespace Inventory.Queries.Admin;

/// <summary>Filters of the admin alert list; null means any. Newest first.</summary>
/// <param name="Status">open, acknowledged, resolved, or active (open or acknowledged).</param>
public sealed record AlertQuery(string? Status = null, string? Kind = null, string? Warehouse = null, string? Sku = null, int Limit = 100)
{
    public const int MaxLimit = 1000;
}
