using Inventory.Grains.Reservations;

namespace Inventory.Server.Model;

/// <summary>POST /api/v1/reservations. Each line's quantity is in its unit (default: the product's base unit).</summary>
public sealed record ReservationRequest(string? ReservationId, IReadOnlyList<ReservationLineDto?>? Lines, int? TtlSeconds, string? Reference);

public sealed record ReservationLineDto(string? Sku, string? Warehouse, decimal? Quantity, string? Unit);

/// <summary>POST /api/v1/reservations/{id}/extend.</summary>
public sealed record ExtendRequest(int? TtlSeconds);

public sealed record ReservationLineResponse(string Warehouse, string Sku, decimal Quantity, decimal? CostOfGoods);

public sealed record ReservationResponse(
    string ReservationId,
    string Status,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt,
    string? Reference,
    IReadOnlyList<ReservationLineResponse> Lines,
    decimal? CostOfGoods)
{
    public static ReservationResponse Of(ReservationView v) => new(
        v.ReservationId, v.Status, v.ExpiresAt, v.CreatedAt, v.Reference,
        [.. v.Lines.Select(l => new ReservationLineResponse(l.Warehouse, l.Sku, l.Quantity, l.CostOfGoods))],
        v.CostOfGoods);
}
