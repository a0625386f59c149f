namespace Inventory.Grains.Maintenance;

public sealed class InFlightSweepOptions
{
    /// <summary>How often the sweep looks for transfers and approvals left mid-step (30 seconds). The first sweep runs at start-up.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
