using Inventory.Queries.Checks;

namespace Inventory.Server.Application.Checks;

/// <summary>One run of the consistency check: its report, or the error that stopped it.</summary>
public sealed record ConsistencyRun(DateTimeOffset At, int? Problems, int? AlertsRaised, int? AlertsResolved, string? Error)
{
    public static ConsistencyRun Of(ConsistencyReport report) =>
        new(report.StartedAt, report.Problems.Count, report.AlertsRaised.Count, report.AlertsResolved.Count, null);
}
