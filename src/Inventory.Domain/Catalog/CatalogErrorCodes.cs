namespace Inventory.Domain.Catalog;

/// <summary>Stable failure codes of the catalog, beside <see cref="ErrorCodes"/>. Never rename one.</summary>
public static class CatalogErrorCodes
{
    public const string WarehouseCannotReceive = "WAREHOUSE_CANNOT_RECEIVE";
    public const string WarehouseCannotShip = "WAREHOUSE_CANNOT_SHIP";
    public const string ProductInUse = "PRODUCT_IN_USE";
}
