namespace Inventory.Grains.Alerts;

/// <summary>Which alerts to list; null means any. Newest first, at most <see cref="Limit"/>.</summary>
/// <param name="Status">open, acknowledged, resolved, or active (open or acknowledged).</param>
[GenerateSerializer, Alias("inv.AlertFilter"), Immutable]
public sealed record AlertFilter(string? Status = null, string? Warehouse = null, string? Kind = null, string? Sku = null, int Limit = 100);
