namespace Inventory.Bench.Baseline.Model;

public sealed record ReservationRequest(string? ReservationId, IReadOnlyList<ReservationLine>? Lines, int? TtlSeconds, string? Reference);
