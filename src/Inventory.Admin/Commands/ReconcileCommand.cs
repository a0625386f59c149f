using System.CommandLine;
using Inventory.Admin.Cli;
using Inventory.Admin.Output;
using Inventory.Grains.Maintenance;
using Spectre.Console;

namespace Inventory.Admin.Commands;

/// <summary>
/// <c>reconcile</c>: fold each position's ledger and compare it with its snapshot. Through the server (which also drops
/// repaired activations), or — server down — directly on the database. Exit 8 when differences remain unrepaired.
/// </summary>
public static class ReconcileCommand
{
    public static Command Create(AdminConsole console)
    {
        var warehouse = Actions.Text("--warehouse", "Only positions of this warehouse");
        var sku = Actions.Text("--sku", "Only positions of this SKU");
        var repair = new Option<bool>("--repair") { Description = "Rewrite differing snapshots from the ledger fold (never the ledger)" };
        var command = new Command("reconcile", "Compare every snapshot with the fold of its ledger and every reservation record with its positions' holds; list the differences, and with --repair fix them (records need the running server)")
        {
            warehouse, sku, repair,
        };
        return command.Runs(console, async (session, parse, ct) =>
        {
            var (w, s, fix) = (parse.GetValue(warehouse), parse.GetValue(sku), parse.GetValue(repair));
            var query = "?repair=" + (fix ? "true" : "false")
                + (w is null ? "" : "&warehouse=" + Uri.EscapeDataString(w))
                + (s is null ? "" : "&sku=" + Uri.EscapeDataString(s));
            var report = await session.ServerOrDatabaseAsync(
                server => server.PostAsync<ReconcileReport>("/api/v1/admin/reconcile" + query, null, ct),
                database => new Reconciler(database.PositionStore, records: database.ReservationStore).RunAsync(w, s, fix, ct),
                ct);
            if (session.Json)
            {
                session.WriteJson(report);
            }
            else if (report.Consistent)
            {
                console.Out.WriteLine($"{report.PositionsChecked} positions checked: every snapshot equals the fold of its ledger, " +
                    "and every reservation record agrees with the lines its positions hold.");
            }
            else
            {
                if (report.Reservations.Count > 0)
                {
                    var holds = Format.Table("Reservation", "Position", "Disagreement", "Repaired");
                    foreach (var d in report.Reservations)
                        holds.AddRow(Format.Text(d.ReservationId), Format.Text($"{d.Warehouse}/{d.Sku}"), Format.Text(d.Detail), d.Repaired ? "yes" : "no");
                    console.Ansi.WriteLine($"{report.Reservations.Count} reservation records disagree with their positions:");
                    console.Ansi.Write(holds);
                }
                var table = Format.Table("Position", "Differences (fold vs snapshot)", "Repaired");
                foreach (var d in report.Differences)
                    table.AddRow(Format.Text($"{d.Warehouse}/{d.Sku}"), Format.Text(string.Join("\n", d.Differences)), d.Repaired ? "yes" : "no");
                console.Ansi.WriteLine($"{report.PositionsChecked} positions checked, {report.Differences.Count} differ from their ledgers:");
                if (report.Differences.Count > 0) console.Ansi.Write(table);
                if (!fix)
                    console.Ansi.WriteLine("Run again with --repair to rewrite those snapshots from their ledgers and bring the records and holds together.");
            }
            return report.Differences.Any(d => !d.Repaired) || report.Reservations.Any(d => !d.Repaired) ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
    }
}
