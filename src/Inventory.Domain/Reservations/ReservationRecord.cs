namespace Inventory.Domain.Reservations;

/// <summary>The persisted record of a multi-line reservation (the reservations table).</summary>
[GenerateSerializer, Alias("inv.ReservationRecord"), Immutable]
public sealed record ReservationRecord(
    string Id,
    ReservationStatusValue Status,
    IReadOnlyList<ReservationLine> Lines,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Reference,
    string CreatedBy,
    IReadOnlyList<LineShortage>? Shortages = null);
