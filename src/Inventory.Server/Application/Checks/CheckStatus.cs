namespace Inventory.Server.Application.Checks;

/// <summary>What the background checks last did, for GET /api/v1/admin/checks.</summary>
public sealed class CheckStatus
{
    private readonly Lock _gate = new();
    private ConsistencyRun? _consistency;
    private DailyReportRun? _dailyReport;

    public ConsistencyRun? LastConsistency { get { lock (_gate) return _consistency; } }

    public DailyReportRun? LastDailyReport { get { lock (_gate) return _dailyReport; } }

    public void Record(ConsistencyRun run) { lock (_gate) _consistency = run; }

    public void Record(DailyReportRun run) { lock (_gate) _dailyReport = run; }
}
