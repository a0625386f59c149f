using System.CommandLine;
using System.Globalization;
using Inventory.Admin.Cli;
using Inventory.Admin.Connections;
using Inventory.Admin.Output;
using Inventory.Queries.Admin;
using Spectre.Console;

namespace Inventory.Admin.Commands;

/// <summary>
/// <c>reservations list</c> (server, or database when it is down), <c>release</c> and <c>expire-now</c> (server: the
/// reservation and position grains do the work, so the ledger records it).
/// </summary>
public static class ReservationCommands
{
    public static Command Create(AdminConsole console) =>
        new("reservations", "List reservation records; release or expire one") { List(console), Release(console), ExpireNow(console) };

    private static Command List(AdminConsole console)
    {
        var status = Actions.Text("--status", "pending, active, committed, released, expired, failed, or a state in between: committing, releasing, expiring, extending, failing");
        status.AcceptOnlyFromAmong([.. ReservationQuery.Statuses]);
        var olderThan = LedgerCommands.DurationOption("--older-than", "Only reservations created longer ago than this", null);
        var reference = Actions.Text("--reference", "Only reservations with this reference (order number, cart id ...)");
        var limit = Actions.Number("--limit", "At most this many, oldest first", 100);
        var command = new Command("list", "Reservation records by status, age and reference, oldest first") { status, olderThan, reference, limit };
        return command.Runs(console, async (session, parse, ct) =>
        {
            var now = DateTimeOffset.UtcNow;
            var age = parse.GetValue(olderThan);
            var query = new ReservationQuery(parse.GetValue(status), age is { } a ? now - a : null, parse.GetValue(reference), parse.GetValue(limit));
            var path = $"/api/v1/admin/reservations?limit={query.Limit}"
                + (query.Status is null ? "" : "&status=" + query.Status)
                + (age is { } span ? "&olderThanSeconds=" + span.TotalSeconds.ToString(CultureInfo.InvariantCulture) : "")
                + (query.Reference is null ? "" : "&reference=" + Uri.EscapeDataString(query.Reference));
            var rows = await session.ServerOrDatabaseAsync(
                async server => (await server.GetAsync<ItemsOf<ReservationRow>>(path, ct)).Items,
                database => database.Queries.ReservationsAsync(query, now, ct),
                ct);
            if (session.Json)
            {
                session.WriteJson(rows);
                return ExitCodes.Ok;
            }
            if (rows.Count == 0)
            {
                console.Out.WriteLine("No reservations match.");
                return ExitCodes.Ok;
            }
            var table = Format.Table("Reservation", "Status", ">Quantity", "Lines", "Reference", ">Age", "Expires", "Created by");
            foreach (var r in rows)
            {
                var lines = string.Join("\n", r.Lines.Select(l => $"{l.Warehouse}/{l.Sku} x{Format.Number(l.Quantity)}"));
                table.AddRow(Format.Text(r.Id), r.Status, Format.Number(r.Quantity), Format.Text(lines), Format.Text(r.Reference), Format.Age(r.AgeSeconds),
                    r.Status is "active" or "pending" ? Format.Relative(r.ExpiresAt, now) : "-", Format.Text(r.CreatedBy));
            }
            console.Ansi.Write(table);
            console.Ansi.WriteLine($"{rows.Count} reservations{(rows.Count == query.Limit ? $" (limit {query.Limit}; raise --limit for more)" : "")}.");
            return ExitCodes.Ok;
        });
    }

    private static Command Release(AdminConsole console)
    {
        var id = Actions.Argument("id", "Reservation id");
        var command = new Command("release", "Give an active reservation's stock back (as a release by you)") { id };
        return command.Runs(console, (session, parse, ct) =>
            ChangeAsync(session, $"/api/v1/reservations/{Uri.EscapeDataString(parse.GetValue(id)!)}/release", "released", ct));
    }

    private static Command ExpireNow(AdminConsole console)
    {
        var id = Actions.Argument("id", "Reservation id");
        var command = new Command("expire-now", "End an active reservation as expired now: its stock is available at once") { id };
        return command.Runs(console, (session, parse, ct) =>
            ChangeAsync(session, $"/api/v1/admin/reservations/{Uri.EscapeDataString(parse.GetValue(id)!)}/expire-now", "expired", ct));
    }

    private static async Task<int> ChangeAsync(Session session, string path, string verb, CancellationToken ct)
    {
        var reservation = await session.Server.PostAsync<ReservationAnswer>(path, null, ct);
        if (session.Json)
        {
            session.WriteJson(reservation);
        }
        else
        {
            var lines = string.Join(", ", reservation.Lines.Select(l => $"{l.Warehouse}/{l.Sku} x{Format.Number(l.Quantity)}"));
            session.Console.Out.WriteLine($"Reservation {reservation.ReservationId} {verb}: status {reservation.Status}; lines {lines}.");
        }
        return ExitCodes.Ok;
    }

    private sealed record ReservationAnswer(string ReservationId, string Status, DateTimeOffset ExpiresAt, string? Reference,
        IReadOnlyList<ReservationAnswerLine> Lines);

    private sealed record ReservationAnswerLine(string Warehouse, string Sku, decimal Quantity);
}
