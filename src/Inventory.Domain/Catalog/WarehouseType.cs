namespace Inventory.Domain.Catalog;

/// <summary>What kind of place holds stock. Stored and shown lower-case.</summary>
[GenerateSerializer, Alias("inv.WarehouseType")]
public enum WarehouseType
{
    Warehouse,
    Showroom,
    Supplier,
    Transit,
}
