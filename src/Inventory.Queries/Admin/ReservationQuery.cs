using Inventory.Domain.Reservations;

namespace Inventory.Queries.Admin;

/// <summary>Filters of the admin reservation list; null means any. Oldest first.</summary>
/// <param name="Status">A <see cref="ReservationStatusValue"/> in lower case (effective status: an active one past its expiry is expired).</param>
/// <param name="CreatedBefore">Only reservations created before this instant (the CLI's --older-than).</param>
/// <param name="Reference">Exact reference (order number, cart id ...).</param>
public sealed record ReservationQuery(string? Status = null, DateTimeOffset? CreatedBefore = null, string? Reference = null, int Limit = 100)
{
    public const int MaxLimit = 1000;

    public static readonly IReadOnlyList<string> Statuses =
        Enum.GetNames<ReservationStatusValue>().Select(n => n.ToLowerInvariant()).ToArray();
}
