namespace Inventory.Domain;

/// <summary>Stable failure codes. Clients depend on these strings: never rename one.</summary>
public static class ErrorCodes
{
    public const string InsufficientStock = "INSUFFICIENT_STOCK";
    public const string ReservationNotFound = "RESERVATION_NOT_FOUND";
    public const string ReservationNotActive = "RESERVATION_NOT_ACTIVE";
    public const string ReservationConflict = "RESERVATION_CONFLICT";
    public const string InvalidQuantity = "INVALID_QUANTITY";
    public const string InvalidUnitCost = "INVALID_UNIT_COST";
    public const string InvalidReason = "INVALID_REASON";
    public const string InvalidExpiry = "INVALID_EXPIRY";
    public const string CountMismatch = "COUNT_MISMATCH";
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string ProductNotFound = "PRODUCT_NOT_FOUND";
    public const string WarehouseNotFound = "WAREHOUSE_NOT_FOUND";
    public const string UnitNotConvertible = "UNIT_NOT_CONVERTIBLE";
    public const string InvalidTransition = "INVALID_TRANSITION";
    public const string RequestConflict = "REQUEST_CONFLICT";
    /// <summary>A pick found too little unexpired available stock: lots expired while reserved.</summary>
    public const string LotExpired = "LOT_EXPIRED";
    /// <summary>A correction is worth more than the approval limit: it waits for a manager's approval.</summary>
    public const string ApprovalRequired = "APPROVAL_REQUIRED";
    /// <summary>Nobody approves their own correction.</summary>
    public const string SelfApproval = "SELF_APPROVAL";
    /// <summary>An unknown stock status, or a status change to the status it is already in.</summary>
    public const string InvalidStatus = "INVALID_STATUS";
    public const string OrderNotFound = "ORDER_NOT_FOUND";
}
