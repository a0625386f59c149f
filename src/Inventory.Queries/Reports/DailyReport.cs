namespace Inventory.Queries.Reports;

/// <summary>
/// The summary of one UTC day: ledger movements by type, the valuation of stock at the end of the day (each position
/// folded from its ledger up to midnight, valued by its costing method) and what happened to alerts.
/// </summary>
public sealed record DailyReport(
    DateOnly Date,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset GeneratedAt,
    int PositionsMoved,
    IReadOnlyList<MovementSummary> Movements,
    ValuationSummary Valuation,
    AlertSummary Alerts)
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>The file name stem of the report of <paramref name="date"/>: daily-YYYY-MM-DD.</summary>
    public static string FileStem(DateOnly date) => "daily-" + date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
