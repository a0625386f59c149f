using Inventory.Domain.Reservations;

namespace Inventory.Queries.Admin;

/// <summary>A reservation record as the admin list shows it. Status is effective: an active one past its expiry reads "expired".</summary>
public sealed record ReservationRow(
    string Id,
    string Status,
    string StoredStatus,
    string? Reference,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset UpdatedAt,
    double AgeSeconds,
    decimal Quantity,
    IReadOnlyList<ReservationLine> Lines);
