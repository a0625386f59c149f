namespace Inventory.Domain;

/// <summary>One reservation as a single position sees it.</summary>
[GenerateSerializer, Alias("inv.PositionReservation"), Immutable]
public sealed record PositionReservation(
    string Id,
    decimal Quantity,
    DateTimeOffset ExpiresAt,
    ReservationStatus Status,
    DateTimeOffset CreatedAt,
    decimal? CostOfGoods = null,
    string? Reference = null);
