using System.Globalization;

namespace Inventory.Bench.Profiling;

/// <summary>
/// CPU time so far (Linux /proc, in clock ticks of 10 ms): the whole machine, the system under test's process, the
/// PostgreSQL server (postmaster and its children) and this load generator. Two samples give where the cores went.
/// </summary>
public sealed record CpuSample(long MachineBusy, long MachineTotal, long System, long Postgres, long LoadGenerator)
{
    private const double MillisecondsPerTick = 10.0;

    public static CpuSample Take(int systemProcessId, int postmasterProcessId) => Take([systemProcessId], postmasterProcessId);

    /// <summary>The same, with the system under test made of several processes (the nodes of a cluster), summed.</summary>
    public static CpuSample Take(IReadOnlyList<int> systemProcessIds, int postmasterProcessId)
    {
        var (busy, total) = Machine();
        long postgres = ProcessTicks(postmasterProcessId);
        if (postmasterProcessId > 0)
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
                if (Stat(pid) is { } stat && stat.ParentId == postmasterProcessId)
                    postgres += stat.Ticks;
            }
        }
        return new CpuSample(busy, total, systemProcessIds.Sum(ProcessTicks), postgres, ProcessTicks(Environment.ProcessId));
    }

    /// <summary>CPU milliseconds between two samples, per unit of work (requests) and as a share of the machine.</summary>
    public CpuUse Since(CpuSample before, long requests)
    {
        var per = Math.Max(1, requests);
        var total = Math.Max(1, MachineTotal - before.MachineTotal);
        return new CpuUse(
            (double)(MachineBusy - before.MachineBusy) / total,
            (System - before.System) * MillisecondsPerTick / per,
            (Postgres - before.Postgres) * MillisecondsPerTick / per,
            (LoadGenerator - before.LoadGenerator) * MillisecondsPerTick / per,
            (MachineBusy - before.MachineBusy) * MillisecondsPerTick / per);
    }

    private static (long Busy, long Total) Machine()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First(); // cpu user nice system idle iowait irq softirq steal ...
            var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var idle = values[3] + values[4];
            var total = values.Take(8).Sum();
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return (0, 0);
        }
    }

    private static long ProcessTicks(int pid) => pid > 0 && Stat(pid) is { } stat ? stat.Ticks : 0;

    private static (int ParentId, long Ticks)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may contain spaces: fields are counted after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is state (field 3); ppid is field 4, utime 14, stime 15.
            return (int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
