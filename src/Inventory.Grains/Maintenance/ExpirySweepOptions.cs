namespace Inventory.Grains.Maintenance;

public sealed class ExpirySweepOptions
{
    /// <summary>How often the sweep looks for reservations nobody expired (30 seconds). The first sweep runs at start-up.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
