namespace Inventory.Grains.Serials;

public sealed class SerialOptions
{
    /// <summary>
    /// How long the position holds the unit of a Reserved serial (30 days). An invoice that stays unpaid longer loses
    /// the hold but keeps the serial Reserved; its sale then reserves and commits the unit afresh. Kept below the
    /// 49-day limit of one timer.
    /// </summary>
    public TimeSpan HoldFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a direct sale (Available → Sold) holds its unit between reserve and commit (5 minutes).</summary>
    public TimeSpan DirectSaleHold { get; set; } = TimeSpan.FromMinutes(5);
}
