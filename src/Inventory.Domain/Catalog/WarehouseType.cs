namespace Inventory.Domain.Catalog;

/// <summary>What kind of place holds stock. Stored and shown lower-case.</summary>
public enum WarehouseType
{
    Warehouse,
    Showroom,
    Supplier,
    Transit,
}
