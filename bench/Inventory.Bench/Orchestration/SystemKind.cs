namespace Inventory.Bench.Orchestration;

public enum SystemKind
{
    /// <summary>src/Inventory.Server: stock position actors with group commit.</summary>
    Actors,

    /// <summary>bench/Inventory.Bench.Baseline: SELECT ... FOR UPDATE per line.</summary>
    RowLock,
}
