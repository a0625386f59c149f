using System.Diagnostics.Metrics;

namespace Inventory.Grains.Positions;

/// <summary>The instruments of the "Inventory.Grains" meter: the stock positions' group commits.</summary>
public sealed class CommitMetrics
{
    /// <summary>The name of the <see cref="Meter"/>.</summary>
    public const string MeterName = "Inventory.Grains";

    private readonly Counter<long> _writes;
    private readonly Counter<long> _failures;
    private readonly Histogram<int> _entries;
    private readonly Histogram<double> _duration;

    public CommitMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _writes = meter.CreateCounter<long>("inventory.position.writes", "{write}", "Group commits of stock positions");
        _failures = meter.CreateCounter<long>("inventory.position.write.failures", "{write}", "Group commits that failed (their callers got the error)");
        _entries = meter.CreateHistogram<int>("inventory.position.write.entries", "{entry}", "Ledger entries per group commit");
        _duration = meter.CreateHistogram<double>("inventory.position.write.duration", "s", "Duration of one group commit's store write");
    }

    public void Written(int entries, TimeSpan duration)
    {
        _writes.Add(1);
        _entries.Record(entries);
        _duration.Record(duration.TotalSeconds);
    }

    public void Failed() => _failures.Add(1);
}
