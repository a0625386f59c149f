namespace Inventory.Grains.Positions;

public sealed class StockPositionOptions
{
    public const int DefaultRecoveryInterval = 500;

    /// <summary>
    /// A position writes its full snapshot (with every reservation it holds) once the ledger since the last one is at
    /// least this long (500) and at least half as long as the reservations the snapshot would hold; other commits
    /// write only the summary, and loading replays the entries since the last full one. So a snapshot costs a few
    /// reservations' worth of JSON per entry however many reservations a hot position holds, and a reload replays
    /// at most about half as many entries as its snapshot holds reservations (or 500).
    /// </summary>
    public int RecoveryInterval { get; set; } = DefaultRecoveryInterval;
}
