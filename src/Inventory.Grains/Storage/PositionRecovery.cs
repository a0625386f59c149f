using Inventory.Domain;

namespace Inventory.Grains.Storage;

/// <summary>Rebuilds a position's current state: its last full snapshot with every later ledger entry applied.</summary>
public static class PositionRecovery
{
    public static StockPositionSnapshot Replay(StockPositionSnapshot recovery, IReadOnlyList<LedgerEntry> tail)
    {
        if (tail.Count == 0)
            return recovery;
        var position = StockPosition.FromSnapshot(recovery);
        foreach (var entry in tail)
        {
            if (entry.Sequence > position.Sequence)
                position.Apply(entry);
        }
        return position.ToSnapshot();
    }
}
