using Inventory.Bench.Verification;

namespace Inventory.Bench.Reports;

/// <summary>Everything one benchmark run produced; serialized as results.json.</summary>
public sealed record BenchResults(
    DateTimeOffset StartedAt,
    string Machine,
    string PostgresVersion,
    string Settings,
    double CommitP50Milliseconds,
    double CommitP99Milliseconds,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<PositionCheck> Checks,
    IReadOnlyDictionary<string, long> AcknowledgedRequests,
    IReadOnlyDictionary<string, long> ActiveReservationRows,
    IReadOnlyList<InProcessRecord> InProcess,
    double TotalSeconds)
{
    public const string Actors = "actors";
    public const string RowLock = "row-lock";
    public const string Ceiling = "ceiling";
}
