namespace Inventory.Domain;

/// <summary>A refused operation: a stable code, a human message and optional structured details.</summary>
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
}
