namespace Inventory.Bench.Baseline.Model;

public sealed record ReservationResponse(string ReservationId, string Status, DateTimeOffset ExpiresAt, IReadOnlyList<ReservationLine> Lines);
