namespace Inventory.Queries.Checks;

public sealed class ConsistencyCheckOptions
{
    /// <summary>
    /// How long past its expiry a line of an expired reservation may still be held before it counts as orphaned
    /// (5 minutes): positions keep a line a commit grace past the reservation's expiry and the expiry sweep
    /// catches up on positions nobody called, so a short overlap is normal.
    /// </summary>
    public TimeSpan OrphanTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most difference lines of one drifting position quoted in its problem (3).</summary>
    public int DriftLinesQuoted { get; set; } = 3;
}
