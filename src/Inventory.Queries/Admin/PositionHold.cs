namespace Inventory.Queries.Admin;

/// <summary>An active reservation as the position holds it; <see cref="ExpiresInSeconds"/> is negative once overdue.</summary>
public sealed record PositionHold(string ReservationId, decimal Quantity, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, double ExpiresInSeconds, string? Reference);
