using System.Diagnostics;

namespace Inventory.Bench.Load;

/// <summary>Percentiles in milliseconds, computed after the run from the sorted samples (nearest rank).</summary>
public sealed record LatencySummary(double P50, double P95, double P99, double Max, double Mean)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0);

    public static LatencySummary Of(long[] ticks)
    {
        if (ticks.Length == 0)
            return Empty;
        Array.Sort(ticks);
        double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        double At(double q) => Ms(ticks[Math.Clamp((int)Math.Ceiling(q * ticks.Length) - 1, 0, ticks.Length - 1)]);
        var sum = 0.0;
        foreach (var t in ticks) sum += t;
        return new LatencySummary(At(0.50), At(0.95), At(0.99), Ms(ticks[^1]), sum / ticks.Length * 1000.0 / Stopwatch.Frequency);
    }
}
