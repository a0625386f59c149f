namespace Inventory.Queries.Checks;

/// <summary>The outcome of one consistency check: what was checked, what was wrong, and the alerts it raised or resolved.</summary>
public sealed record ConsistencyReport(
    DateTimeOffset StartedAt,
    double DurationMs,
    int PositionsChecked,
    int ReservationLinesChecked,
    IReadOnlyList<ConsistencyProblem> Problems,
    IReadOnlyList<long> AlertsRaised,
    IReadOnlyList<long> AlertsResolved)
{
    public bool Consistent => Problems.Count == 0;
}
