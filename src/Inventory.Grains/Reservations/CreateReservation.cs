namespace Inventory.Grains.Reservations;

/// <summary>A checkout's or order's request to hold stock on several lines, all or nothing.</summary>
public sealed record CreateReservation(IReadOnlyList<ReservationLineRequest> Lines, TimeSpan? Ttl = null, string? Reference = null);
