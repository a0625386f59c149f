namespace Inventory.Domain;

/// <summary>
/// Which part of on-hand stock a cost layer is in. Only <see cref="Available"/> stock can be reserved, picked or
/// shipped; stock in quality control or damaged is on hand (counted, valued) but not sellable. Stored lower snake:
/// available, quality_control, damaged.
/// </summary>
[GenerateSerializer, Alias("inv.StockStatus")]
public enum StockStatus
{
    Available,
    QualityControl,
    Damaged,
}
