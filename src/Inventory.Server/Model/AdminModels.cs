using Inventory.Queries.Admin;
using Inventory.Queries.Reports;
using Inventory.Server.Application.Checks;

namespace Inventory.Server.Model;

/// <summary>POST /api/v1/admin/grains/deactivate: a grain type (interface name or alias: position, reservation, alert, transfer) and key.</summary>
public sealed record DeactivateRequest(string? Type, string? Key);

public sealed record DeactivateResponse(string Type, string Key, bool Deactivated);

public sealed record ReservationListResponse(IReadOnlyList<ReservationRow> Items);

public sealed record AdminAlertListResponse(IReadOnlyList<AlertRow> Items);

/// <summary>GET /api/v1/admin/checks: settings of the background checks and what they last did.</summary>
public sealed record ChecksResponse(
    double ExpirySweepIntervalSeconds,
    bool ConsistencyCheckEnabled,
    double ConsistencyIntervalSeconds,
    ConsistencyRun? LastConsistencyCheck,
    bool DailyReportEnabled,
    string DailyReportTimeUtc,
    string ReportsDirectory,
    DailyReportRun? LastDailyReport);

/// <summary>A daily report and the Markdown file it was written to (null for today's, not written yet).</summary>
public sealed record DailyReportResponse(DailyReport Report, string? MarkdownPath);
