using Inventory.Queries.Reports;
using Inventory.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Inventory.Server.Application.Checks;

/// <summary>
/// The daily reports of this server: built from the database, written under the reports directory. A past day's
/// report is read from its file when there is one, so it reads the same every time; today's is built on demand
/// and not written (the day is not over).
/// </summary>
public sealed partial class DailyReports(
    DailyReportBuilder builder,
    IOptions<ChecksOptions> options,
    IConfiguration configuration,
    TimeProvider time,
    CheckStatus status,
    ILogger<DailyReports> logger)
{
    public string Directory => options.Value.ReportsDirectory is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : Path.Combine(DataDirectory.Resolve(configuration), DailyReportFiles.DirectoryName);

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The report of <paramref name="date"/> and the path of its Markdown file (null for today's, which is not written).</summary>
    public async Task<(DailyReport Report, string? Path)> GetAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        if (date < Today && await DailyReportFiles.TryReadAsync(Directory, date, cancellationToken) is { } stored)
            return (stored, DailyReportFiles.MarkdownPath(Directory, date));
        if (date < Today)
            return await WriteAsync(date, cancellationToken);
        return (await builder.BuildAsync(date, cancellationToken), null);
    }

    /// <summary>Builds and writes the report of <paramref name="date"/> (replacing an existing one).</summary>
    public async Task<(DailyReport Report, string Path)> WriteAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        try
        {
            var report = await builder.BuildAsync(date, cancellationToken);
            var path = await DailyReportFiles.WriteAsync(report, Directory, cancellationToken);
            status.Record(new DailyReportRun(time.GetUtcNow(), date, path, null));
            LogWritten(logger, date, path, report.Movements.Sum(m => m.Entries), report.Valuation.TotalValue, report.Alerts.Opened);
            return (report, path);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            status.Record(new DailyReportRun(time.GetUtcNow(), date, null, e.Message));
            throw;
        }
    }

    public bool Exists(DateOnly date) => File.Exists(DailyReportFiles.JsonPath(Directory, date));

    [LoggerMessage(EventId = 8201, Level = LogLevel.Information,
        Message = "Daily report {Date} written to {Path}: {Entries} ledger entries, valuation {Valuation}, {AlertsOpened} alerts opened")]
    private static partial void LogWritten(ILogger logger, DateOnly date, string path, long entries, decimal valuation, long alertsOpened);
}
