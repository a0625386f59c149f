using Inventory.Domain.Reservations;
namespace Inventory.Grains.Reservations;

/// <summary>
/// A checkout's or order's request to hold stock on several lines, all or nothing. <see cref="NewId"/> says the caller
/// has just generated the id (a fresh GUID), so no stored record can exist and none is read.
/// </summary>
[GenerateSerializer, Alias("inv.CreateReservation"), Immutable]
public sealed record CreateReservation(IReadOnlyList<ReservationLineRequest> Lines, TimeSpan? Ttl = null, string? Reference = null,
    bool NewId = false);
