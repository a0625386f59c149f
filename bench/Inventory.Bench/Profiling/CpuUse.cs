namespace Inventory.Bench.Profiling;

/// <summary>
/// Where the cores went during a run: the machine's busy share, and CPU milliseconds per request spent by the system
/// under test, PostgreSQL, the load generator, and the whole machine (the rest: the OS, other processes).
/// </summary>
public sealed record CpuUse(double MachineBusyShare, double SystemMs, double PostgresMs, double LoadGeneratorMs, double MachineMs);
