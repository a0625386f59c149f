using Inventory.Domain.Reservations;
namespace Inventory.Grains.Reservations;

/// <summary>What callers see of a reservation. Status is lower-case: active, committed, released, expired ...</summary>
[GenerateSerializer, Alias("inv.ReservationView"), Immutable]
public sealed record ReservationView(
    string ReservationId,
    string Status,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt,
    string? Reference,
    IReadOnlyList<ReservationLine> Lines,
    decimal? CostOfGoods)
{
    public static ReservationView Of(ReservationRecord record, DateTimeOffset now)
    {
        var status = record.Status == ReservationStatusValue.Active && record.ExpiresAt <= now
            ? ReservationStatusValue.Expired
            : record.Status;
        decimal? cost = null;
        if (status == ReservationStatusValue.Committed)
        {
            cost = 0m;
            foreach (var line in record.Lines) cost += line.CostOfGoods ?? 0m;
        }
        return new ReservationView(record.Id, status.ToString().ToLowerInvariant(), record.ExpiresAt, record.CreatedAt,
            record.Reference, record.Lines, cost);
    }
}
