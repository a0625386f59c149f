using Inventory.Domain.Reservations;

namespace Inventory.Grains.Reservations;

public sealed class ReservationOptions
{
    public static readonly TimeSpan DefaultTtlValue = TimeSpan.FromMinutes(15);

    /// <summary>Expiry when the request names none (15 minutes).</summary>
    public TimeSpan DefaultTtl { get; set; } = DefaultTtlValue;

    /// <summary>Longest expiry a request may ask for (7 days).</summary>
    public TimeSpan MaxTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Positions hold a line this much longer than the reservation's expiry, so a commit that started before the
    /// expiry never meets a line the position already expired (which would leave the reservation half committed).
    /// </summary>
    public TimeSpan CommitGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most lines one reservation may have (100).</summary>
    public int MaxLines { get; set; } = Cart.MaxLines;
}
