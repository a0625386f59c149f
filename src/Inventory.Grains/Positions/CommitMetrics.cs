using System.Diagnostics.Metrics;

namespace Inventory.Grains.Positions;

/// <summary>
/// The instruments of the "Inventory.Grains" meter: the stock positions' group commits and the calls waiting for
/// them. Names follow the OpenTelemetry conventions (dotted, unit separate); Prometheus shows them with underscores
/// and the unit or <c>_total</c> appended, e.g. <c>inventory_position_commit_duration_seconds</c>.
/// </summary>
public sealed class CommitMetrics
{
    /// <summary>The name of the <see cref="Meter"/>.</summary>
    public const string MeterName = "Inventory.Grains";

    public const string Commits = "inventory.position.commits";
    public const string CommitFailures = "inventory.position.commit.failures";
    public const string CommitEntries = "inventory.position.commit.entries";
    public const string CommitDuration = "inventory.position.commit.duration";
    public const string CommitWaiting = "inventory.position.commit.waiting";

    private readonly Counter<long> _commits;
    private readonly Counter<long> _failures;
    private readonly Histogram<int> _entries;
    private readonly Histogram<double> _duration;

    public CommitMetrics(IMeterFactory meters, ActivePositions positions)
    {
        var meter = meters.Create(MeterName);
        _commits = meter.CreateCounter<long>(Commits, "{commit}", "Group commits of stock positions (one durable ledger write each).");
        _failures = meter.CreateCounter<long>(CommitFailures, "{commit}", "Group commits that failed (every caller waiting for them got the error).");
        _entries = meter.CreateHistogram(CommitEntries, "{entry}", "Ledger entries per group commit (the batch size).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });
        _duration = meter.CreateHistogram(CommitDuration, "s", "Duration of one group commit's durable write.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        meter.CreateObservableGauge(CommitWaiting, () => positions.Waiting, "{call}",
            "Calls of this silo's stock positions waiting for their group commit (the commit queues' depth).");
    }

    public void Written(int entries, TimeSpan duration)
    {
        _commits.Add(1);
        _entries.Record(entries);
        _duration.Record(duration.TotalSeconds);
    }

    public void Failed() => _failures.Add(1);
}
