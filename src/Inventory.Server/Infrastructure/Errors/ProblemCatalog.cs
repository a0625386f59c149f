using Inventory.Domain;
using Inventory.Domain.Catalog;
using Inventory.Domain.Manufacturing;
using Inventory.Domain.Serials;
using Inventory.Grains.Alerts;
using Inventory.Grains.Approvals;
using Inventory.Grains.Transfers;

namespace Inventory.Server.Infrastructure.Errors;

/// <summary>The HTTP status and short title of every stable error code (documented in docs/api.md, "Errors").</summary>
public static class ProblemCatalog
{
    private static readonly Dictionary<string, (int Status, string Title)> Known = new(StringComparer.Ordinal)
    {
        [ErrorCodes.InsufficientStock] = (409, "Insufficient stock"),
        [ErrorCodes.ReservationNotFound] = (404, "Reservation not found"),
        [ErrorCodes.ReservationNotActive] = (409, "Reservation not active"),
        [ErrorCodes.ReservationConflict] = (409, "Reservation conflict"),
        [ErrorCodes.InvalidQuantity] = (400, "Invalid quantity"),
        [ErrorCodes.InvalidUnitCost] = (400, "Invalid unit cost"),
        [ErrorCodes.InvalidReason] = (400, "Invalid reason"),
        [ErrorCodes.InvalidExpiry] = (400, "Invalid expiry"),
        [ErrorCodes.CountMismatch] = (409, "Count mismatch"),
        [ErrorCodes.ValidationFailed] = (400, "Validation failed"),
        [ErrorCodes.ProductNotFound] = (404, "Product not found"),
        [ErrorCodes.WarehouseNotFound] = (404, "Warehouse not found"),
        [ErrorCodes.UnitNotConvertible] = (400, "Unit not convertible"),
        [ErrorCodes.InvalidTransition] = (409, "Invalid transition"),
        [ErrorCodes.RequestConflict] = (409, "Request conflict"),
        [CatalogErrorCodes.WarehouseCannotReceive] = (409, "Warehouse cannot receive"),
        [CatalogErrorCodes.WarehouseCannotShip] = (409, "Warehouse cannot ship"),
        [CatalogErrorCodes.ProductInUse] = (409, "Product in use"),
        [HttpErrorCodes.Unauthorized] = (401, "Unauthorized"),
        [HttpErrorCodes.Forbidden] = (403, "Forbidden"),
        [HttpErrorCodes.NotFound] = (404, "Not found"),
        [HttpErrorCodes.MethodNotAllowed] = (405, "Method not allowed"),
        [HttpErrorCodes.UnsupportedMediaType] = (415, "Unsupported media type"),
        [HttpErrorCodes.PayloadTooLarge] = (413, "Payload too large"),
        [HttpErrorCodes.IdempotencyKeyReused] = (422, "Idempotency key reused"),
        [HttpErrorCodes.IdempotencyKeyInProgress] = (409, "Idempotency key in progress"),
        [HttpErrorCodes.Overloaded] = (503, "Overloaded"),
        [HttpErrorCodes.StorageUnavailable] = (503, "Storage unavailable"),
        [HttpErrorCodes.InternalError] = (500, "Internal error"),
        [HttpErrorCodes.TransferNotFound] = (404, "Transfer not found"),
        [HttpErrorCodes.TransferConflict] = (409, "Transfer conflict"),
        [TransferErrorCodes.TransferNotInTransit] = (409, "Transfer not in transit"),
        [TransferErrorCodes.TransitExceeded] = (409, "More than is in transit"),
        [ErrorCodes.LotExpired] = (409, "Lot expired"),
        [ErrorCodes.ApprovalRequired] = (202, "Approval required"),
        [ErrorCodes.SelfApproval] = (403, "Self approval"),
        [ErrorCodes.InvalidStatus] = (400, "Invalid status"),
        [ErrorCodes.OrderNotFound] = (404, "Order not found"),
        [ApprovalErrorCodes.ApprovalNotFound] = (404, "Approval not found"),
        [ApprovalErrorCodes.ApprovalNotPending] = (409, "Approval not pending"),
        [ApprovalErrorCodes.ApprovalConflict] = (409, "Approval conflict"),
        [SerialErrorCodes.SerialNotFound] = (404, "Serial not found"),
        [SerialErrorCodes.SerialAlreadyRegistered] = (409, "Serial already registered"),
        [SerialErrorCodes.SerialReferenceMismatch] = (409, "Serial reference mismatch"),
        [ManufacturingErrorCodes.BomNotFound] = (404, "Bill of materials not found"),
        [ManufacturingErrorCodes.WorkOrderNotFound] = (404, "Work order not found"),
        [ManufacturingErrorCodes.WorkOrderConflict] = (409, "Work order conflict"),
        [AlertErrorCodes.AlertNotFound] = (404, "Alert not found"),
        [AlertErrorCodes.AlertResolved] = (409, "Alert already resolved"),
        [HttpErrorCodes.PositionNotFound] = (404, "Position not found"),
        [HttpErrorCodes.GrainNotActive] = (404, "Grain not active"),
        [HttpErrorCodes.ReportNotAvailable] = (404, "Report not available"),
    };

    /// <summary>Every code this service may answer with, for documentation and tests.</summary>
    public static IEnumerable<string> Codes => Known.Keys;

    public static int StatusOf(string code) => Known.TryGetValue(code, out var known) ? known.Status : 400;

    public static string TitleOf(string code) => Known.TryGetValue(code, out var known) ? known.Title : code;

    /// <summary>The code of a bare status (a route that does not exist, an auth challenge ...).</summary>
    public static string CodeOfStatus(int status) => status switch
    {
        400 => ErrorCodes.ValidationFailed,
        401 => HttpErrorCodes.Unauthorized,
        403 => HttpErrorCodes.Forbidden,
        404 => HttpErrorCodes.NotFound,
        405 => HttpErrorCodes.MethodNotAllowed,
        413 => HttpErrorCodes.PayloadTooLarge,
        415 => HttpErrorCodes.UnsupportedMediaType,
        503 => HttpErrorCodes.StorageUnavailable,
        _ when status >= 500 => HttpErrorCodes.InternalError,
        _ => ErrorCodes.ValidationFailed,
    };
}
