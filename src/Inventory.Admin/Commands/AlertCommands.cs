using System.CommandLine;
using System.Text.Json;
using Inventory.Admin.Cli;
using Inventory.Admin.Connections;
using Inventory.Admin.Output;
using Inventory.Queries.Admin;
using Spectre.Console;

namespace Inventory.Admin.Commands;

/// <summary><c>alerts list</c> (every kind, consistency included; server or database) and <c>alerts ack</c> (server).</summary>
public static class AlertCommands
{
    public static Command Create(AdminConsole console) => new("alerts", "List and acknowledge alerts") { List(console), Ack(console) };

    private static Command List(AdminConsole console)
    {
        var status = Actions.Text("--status", "open, acknowledged, resolved, or active (open or acknowledged; the default)");
        status.AcceptOnlyFromAmong("open", "acknowledged", "resolved", "active", "all");
        status.DefaultValueFactory = _ => "active";
        var kind = Actions.Text("--kind", "out_of_stock, low_stock, overstock, expiring_lots, consistency ...");
        var warehouse = Actions.Text("--warehouse", "Only alerts of this warehouse");
        var sku = Actions.Text("--sku", "Only alerts of this SKU");
        var limit = Actions.Number("--limit", "At most this many, newest first", 50);
        var command = new Command("list", "Alerts, newest first (default: the active ones)") { status, kind, warehouse, sku, limit };
        return command.Runs(console, async (session, parse, ct) =>
        {
            var s = parse.GetValue(status) is "all" ? null : parse.GetValue(status);
            var query = new AlertQuery(s, parse.GetValue(kind), parse.GetValue(warehouse), parse.GetValue(sku), parse.GetValue(limit));
            var path = $"/api/v1/admin/alerts?limit={query.Limit}"
                + (query.Status is null ? "" : "&status=" + query.Status)
                + (query.Kind is null ? "" : "&kind=" + Uri.EscapeDataString(query.Kind))
                + (query.Warehouse is null ? "" : "&warehouse=" + Uri.EscapeDataString(query.Warehouse))
                + (query.Sku is null ? "" : "&sku=" + Uri.EscapeDataString(query.Sku));
            var alerts = await session.ServerOrDatabaseAsync(
                async server => (await server.GetAsync<ItemsOf<AlertRow>>(path, ct)).Items,
                database => database.Queries.AlertsAsync(query, ct),
                ct);
            if (session.Json)
            {
                session.WriteJson(alerts);
                return ExitCodes.Ok;
            }
            if (alerts.Count == 0)
            {
                console.Out.WriteLine($"No {(query.Status ?? "")} alerts{(query.Kind is null ? "" : " of kind " + query.Kind)}.".Replace("  ", " ", StringComparison.Ordinal));
                return ExitCodes.Ok;
            }
            var now = DateTimeOffset.UtcNow;
            var table = Format.Table(">Id", "Status", "Severity", "Kind", "Position", "Raised", "Message");
            foreach (var a in alerts)
            {
                var status = a.Status + (a.AcknowledgedBy is null ? "" : $" by {a.AcknowledgedBy}") + (a.Note is null ? "" : $"\n\"{a.Note}\"");
                table.AddRow(a.Id.ToString(), Format.Text(status), a.Severity, a.Kind, Format.Text($"{a.Warehouse}/{a.Sku}"),
                    Format.Relative(a.RaisedAt, now), Format.Text(a.Message));
            }
            console.Ansi.Write(table);
            return ExitCodes.Ok;
        });
    }

    private static Command Ack(AdminConsole console)
    {
        var id = new Argument<long>("id") { Description = "Alert id" };
        var note = new Option<string>("--note") { Description = "What was done or decided (recorded with your name)", Required = true };
        var command = new Command("ack", "Acknowledge an alert with a note") { id, note };
        return command.Runs(console, async (session, parse, ct) =>
        {
            var alert = await session.Server.PostAsync<JsonElement>($"/api/v1/alerts/{parse.GetValue(id)}/acknowledge", new { note = parse.GetValue(note) }, ct);
            if (session.Json)
                session.WriteJson(alert);
            else
                console.Out.WriteLine($"Alert {parse.GetValue(id)} acknowledged by {alert.GetProperty("acknowledgedBy").GetString()}: \"{alert.GetProperty("note").GetString()}\".");
            return ExitCodes.Ok;
        });
    }
}
