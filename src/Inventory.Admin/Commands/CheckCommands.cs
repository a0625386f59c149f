using System.CommandLine;
using Inventory.Admin.Cli;
using Inventory.Admin.Output;
using Inventory.Queries.Checks;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace Inventory.Admin.Commands;

/// <summary>
/// <c>check consistency</c>: run the consistency check now (the server runs it hourly): orphaned reservation lines,
/// snapshot-vs-ledger drift, negative available where not allowed. Raises and resolves consistency alerts. Exit 8 on problems.
/// </summary>
public static class CheckCommands
{
    public static Command Create(AdminConsole console)
    {
        var consistency = new Command("consistency", "Run the consistency check now: orphaned reservation lines, snapshot drift, negative available");
        consistency.Runs(console, async (session, _, ct) =>
        {
            var report = await session.ServerOrDatabaseAsync(
                server => server.PostAsync<ConsistencyReport>("/api/v1/admin/checks/consistency", null, ct),
                database => new ConsistencyCheck(database.DataSource, database.PositionStore, TimeProvider.System, NullLogger<ConsistencyCheck>.Instance).RunAsync(true, ct),
                ct);
            if (session.Json)
            {
                session.WriteJson(report);
            }
            else
            {
                console.Ansi.WriteLine($"{report.PositionsChecked} positions and {report.ReservationLinesChecked} active reservation lines checked in {Format.Age(report.DurationMs / 1000)}: " +
                    (report.Consistent ? "no problems." : $"{report.Problems.Count} problems."));
                if (!report.Consistent)
                {
                    var table = Format.Table("Position", "Problem", "Detail");
                    foreach (var p in report.Problems)
                        table.AddRow(Format.Text($"{p.Warehouse}/{p.Sku}"), p.Kind, Format.Text(p.Detail));
                    console.Ansi.Write(table);
                }
                if (report.AlertsRaised.Count + report.AlertsResolved.Count > 0)
                    console.Ansi.WriteLine($"Alerts raised: {Ids(report.AlertsRaised)}; resolved: {Ids(report.AlertsResolved)}.");
            }
            return report.Consistent ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return new Command("check", "Run a background check now") { consistency };
    }

    private static string Ids(IReadOnlyList<long> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);
}
