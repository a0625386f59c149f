namespace Inventory.Grains.Alerts;

/// <summary>The default when no product catalog is wired: suggestions carry no lead time or supplier.</summary>
public sealed class NoSupplyCatalog : ISupplyCatalog
{
    public ValueTask<SupplyInfo?> GetAsync(string sku, CancellationToken cancellationToken = default) => ValueTask.FromResult<SupplyInfo?>(null);
}
