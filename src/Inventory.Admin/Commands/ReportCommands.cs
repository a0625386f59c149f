using System.CommandLine;
using Inventory.Admin.Cli;
using Inventory.Queries.Reports;

namespace Inventory.Admin.Commands;

/// <summary>
/// <c>report daily</c>: the daily summary (movements, valuation, alerts) the server writes under &lt;data dir&gt;/reports.
/// From the server; with it down, the report file under --data-dir when there is one, else built from the database.
/// </summary>
public static class ReportCommands
{
    public static Command Create(AdminConsole console)
    {
        var date = Actions.Text("--date", "UTC day YYYY-MM-DD (default: yesterday)");
        var daily = new Command("daily", "The daily summary report: movements by type, valuation at end of day, alerts opened and closed") { date };
        daily.Runs(console, async (session, parse, ct) =>
        {
            var day = parse.GetValue(date) is { } text ? Output.Instants.ParseDay(text, "--date") : DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
            var answer = await session.ServerOrDatabaseAsync(
                server => server.GetAsync<DailyReportAnswer>($"/api/v1/admin/reports/daily?date={day:yyyy-MM-dd}", ct),
                async database =>
                {
                    var directory = session.DataDirectory is null ? null : Path.Combine(session.DataDirectory, DailyReportFiles.DirectoryName);
                    if (directory is not null && await DailyReportFiles.TryReadAsync(directory, day, ct) is { } stored)
                        return new DailyReportAnswer(stored, DailyReportFiles.MarkdownPath(directory, day));
                    return new DailyReportAnswer(await new DailyReportBuilder(database.DataSource, database.PositionStore, TimeProvider.System).BuildAsync(day, ct), null);
                },
                ct);
            if (session.Json)
            {
                session.WriteJson(answer.Report);
            }
            else
            {
                console.Out.Write(DailyReportFiles.ToMarkdown(answer.Report));
                session.Note(answer.MarkdownPath is null ? "(built on demand; not written to a file)" : $"(file: {answer.MarkdownPath})");
            }
            return ExitCodes.Ok;
        });
        return new Command("report", "Reports") { daily };
    }

    private sealed record DailyReportAnswer(DailyReport Report, string? MarkdownPath);
}
