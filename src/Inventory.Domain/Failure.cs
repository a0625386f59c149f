namespace Inventory.Domain;

/// <summary>A refused operation: a stable code, a human message and optional structured details.</summary>
[GenerateSerializer, Alias("inv.Failure"), Immutable]
public sealed record Failure(string Code, string Message, IReadOnlyDictionary<string, object?>? Details = null)
{
    public static Failure InsufficientStock(PositionKey position, decimal available, decimal requested) =>
        new(ErrorCodes.InsufficientStock,
            $"Only {available} available of {position}, {requested} requested.",
            new Dictionary<string, object?>
            {
                ["warehouse"] = position.Warehouse,
                ["sku"] = position.Sku,
                ["available"] = available,
                ["requested"] = requested,
            });

    public static Failure InvalidQuantity(decimal quantity) =>
        new(ErrorCodes.InvalidQuantity, $"Quantity must be greater than zero, got {quantity}.",
            new Dictionary<string, object?> { ["quantity"] = quantity });

    public static Failure ReservationNotFound(string reservationId) =>
        new(ErrorCodes.ReservationNotFound, $"Reservation '{reservationId}' does not exist.",
            new Dictionary<string, object?> { ["reservationId"] = reservationId });

    public static Failure ReservationNotActive(string reservationId, ReservationStatus status) =>
        new(ErrorCodes.ReservationNotActive, $"Reservation '{reservationId}' is {status.ToString().ToLowerInvariant()}, not active.",
            new Dictionary<string, object?> { ["reservationId"] = reservationId, ["status"] = status.ToString().ToLowerInvariant() });

    public static Failure QuantityTooLarge(decimal quantity, decimal maximum) =>
        new(ErrorCodes.InvalidQuantity, $"Quantity must not exceed {maximum}, got {quantity}.",
            new Dictionary<string, object?> { ["quantity"] = quantity, ["maximum"] = maximum });

    public static Failure NegativeCount(decimal counted) =>
        new(ErrorCodes.InvalidQuantity, $"A counted quantity cannot be negative, got {counted}.",
            new Dictionary<string, object?> { ["quantity"] = counted });

    public static Failure InvalidUnitCost(decimal unitCost, decimal maximum) =>
        new(ErrorCodes.InvalidUnitCost, $"Unit cost must be between 0 and {maximum}, got {unitCost}.",
            new Dictionary<string, object?> { ["unitCost"] = unitCost, ["maximum"] = maximum });

    public static Failure InvalidExpiry(DateTimeOffset expiresAt, DateTimeOffset now) =>
        new(ErrorCodes.InvalidExpiry, $"Expiry {expiresAt:O} must be after now ({now:O}).",
            new Dictionary<string, object?> { ["expiresAt"] = expiresAt, ["now"] = now });

    public static Failure InvalidReason(AdjustmentReason reason) =>
        new(ErrorCodes.InvalidReason, $"'{reason}' is not an adjustment reason.",
            new Dictionary<string, object?> { ["reason"] = reason.ToString() });

    public static Failure ValidationFailed(string field, string message) =>
        new(ErrorCodes.ValidationFailed, message, new Dictionary<string, object?> { ["field"] = field });

    public static Failure ReservationConflict(string reservationId, decimal existingQuantity, decimal requestedQuantity) =>
        new(ErrorCodes.ReservationConflict,
            $"Reservation '{reservationId}' already exists for {existingQuantity}, not {requestedQuantity}.",
            new Dictionary<string, object?>
            {
                ["reservationId"] = reservationId,
                ["existingQuantity"] = existingQuantity,
                ["requestedQuantity"] = requestedQuantity,
            });

    public static Failure CountMismatch(decimal expected, decimal current) =>
        new(ErrorCodes.CountMismatch, $"Expected {expected} on hand but there are {current}; count again.",
            new Dictionary<string, object?> { ["expected"] = expected, ["current"] = current });

    /// <summary>The request id was already used for a different operation or different figures.</summary>
    public static Failure RequestConflict(string requestId, LedgerEntryType firstType) =>
        new(ErrorCodes.RequestConflict,
            $"Request '{requestId}' was already used with different content (first: {firstType.ToString().ToLowerInvariant()}).",
            new Dictionary<string, object?> { ["requestId"] = requestId, ["firstType"] = firstType.ToString().ToLowerInvariant() });
}
