namespace Inventory.Server.Infrastructure.Metrics;

/// <summary>A cumulative latency histogram with fixed buckets (seconds), safe for concurrent recording.</summary>
public sealed class LatencyHistogram
{
    public static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly long[] _counts = new long[Bounds.Length + 1];
    private long _sumMicroseconds;

    public void Record(double seconds)
    {
        var i = 0;
        while (i < Bounds.Length && seconds > Bounds[i]) i++;
        Interlocked.Increment(ref _counts[i]);
        Interlocked.Add(ref _sumMicroseconds, (long)(seconds * 1_000_000));
    }

    /// <summary>Cumulative counts per bound (the last is +Inf), the sum in seconds and the count.</summary>
    public (long[] Cumulative, double Sum, long Count) Read()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Interlocked.Read(ref _counts[i]);
            cumulative[i] = running;
        }

        return (cumulative, Interlocked.Read(ref _sumMicroseconds) / 1_000_000d, running);
    }
}
