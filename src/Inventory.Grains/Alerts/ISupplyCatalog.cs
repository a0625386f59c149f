namespace Inventory.Grains.Alerts;

/// <summary>Lead time and preferred supplier of a product, for reorder suggestions.</summary>
public interface ISupplyCatalog
{
    /// <summary>Null when the product is unknown.</summary>
    ValueTask<SupplyInfo?> GetAsync(string sku, CancellationToken cancellationToken = default);
}
