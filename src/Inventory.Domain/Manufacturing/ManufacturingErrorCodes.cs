namespace Inventory.Domain.Manufacturing;

/// <summary>Stable failure codes of bills of materials and work orders. Clients depend on these strings: never rename one.</summary>
public static class ManufacturingErrorCodes
{
    public const string BomNotFound = "BOM_NOT_FOUND";
    public const string WorkOrderNotFound = "WORK_ORDER_NOT_FOUND";
    public const string WorkOrderConflict = "WORK_ORDER_CONFLICT";
}
