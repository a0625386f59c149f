namespace Inventory.Bench.Profiling;

/// <summary>
/// Where the cores went during a run: the machine's busy share, and CPU milliseconds per request spent by the system
/// under test, PostgreSQL, the load generator, and the whole machine (the rest: the OS, other processes).
/// </summary>
public sealed record CpuUse(double MachineBusyShare, double SystemMs, double PostgresMs, double LoadGeneratorMs, double MachineMs)
{
    /// <summary>What the rest took: the kernel (loopback TCP, fsync), and any other process on the machine.</summary>
    public double OtherMs => Math.Max(0, MachineMs - SystemMs - PostgresMs - LoadGeneratorMs);

    /// <summary>The machine's busy share in the pause before the run, when nothing of the benchmark ran.</summary>
    public double BusyBeforeRun { get; init; }
}
