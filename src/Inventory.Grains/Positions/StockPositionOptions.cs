namespace Inventory.Grains.Positions;

public sealed class StockPositionOptions
{
    public const int DefaultRecoveryInterval = 500;

    /// <summary>
    /// A position writes its full snapshot (with every reservation it holds) at most once per this many ledger
    /// entries (500); other commits write only the summary, and loading replays the entries since the last full
    /// one. Keeps the cost of a commit flat however many reservations a hot position holds.
    /// </summary>
    public int RecoveryInterval { get; set; } = DefaultRecoveryInterval;
}
