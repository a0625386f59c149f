namespace Inventory.Queries.Live;

/// <summary>One line of an active reservation, as the dashboard lists it.</summary>
public sealed record ActiveReservationLine(
    string ReservationId,
    string Warehouse,
    string Sku,
    decimal Quantity,
    string? Reference,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
