using System.CommandLine;
using Inventory.Admin.Cli;
using Inventory.Admin.Output;
using Inventory.Domain;
using Inventory.Queries.Admin;
using Spectre.Console;

namespace Inventory.Admin.Commands;

/// <summary>
/// <c>position show</c>: from the server (the live activation when there is one, else the stored snapshot); with the
/// server down, from the database, where whether it is active in memory is unknown.
/// </summary>
public static class PositionCommands
{
    public static Command Position(AdminConsole console)
    {
        var warehouse = Actions.Argument("warehouse", "Warehouse code");
        var sku = Actions.Argument("sku", "SKU");
        var show = new Command("show", "Levels, states, cost layers, lots, active reservations, versions and whether the position is active in memory") { warehouse, sku };
        show.Runs(console, async (session, parse, ct) =>
        {
            var key = new PositionKey(parse.GetValue(warehouse)!, parse.GetValue(sku)!);
            var detail = await session.ServerOrDatabaseAsync(
                server => server.GetAsync<PositionDetail>($"/api/v1/admin/positions/{Uri.EscapeDataString(key.Warehouse)}/{Uri.EscapeDataString(key.Sku)}", ct),
                async database => await database.Queries.PositionAsync(key, null, null, DateTimeOffset.UtcNow, ct)
                    ?? throw new AdminException(ExitCodes.NotFound, $"There is no stock position {key} in the database.",
                        "Check the warehouse and SKU codes (they are case-sensitive)."),
                ct);
            if (session.Json)
                session.WriteJson(detail);
            else
                Render(console, detail);
            return ExitCodes.Ok;
        });
        return new Command("position", "Look at one stock position") { show };
    }

    private static void Render(AdminConsole console, PositionDetail d)
    {
        var now = DateTimeOffset.UtcNow;
        var p = d.Policy;
        var flags = new[] { d.IsNegative ? "NEGATIVE" : null, d.IsOutOfStock ? "out of stock" : null, d.IsLow ? "low" : null, d.IsOverstock ? "overstock" : null }
            .Where(f => f is not null).ToArray();
        console.Ansi.Write(Format.Facts(
        [
            ("Position", $"{d.Warehouse}/{d.Sku}"),
            ("Active in memory", d.ActiveInMemory switch
            {
                true => d.Silo is { } silo ? $"yes, on silo {silo} (read from the activation)" : "yes (read from the activation)",
                false => "no (read from the stored snapshot)",
                null => "unknown: server not reachable (read from the stored snapshot)",
            }),
            ("On hand", Format.Number(d.OnHand)),
            ("Reserved", Format.Number(d.Reserved)),
            ("Available", Format.Number(d.Available) + (flags.Length > 0 ? "  [" + string.Join(", ", flags) + "]" : "")),
            ("Value", $"{Format.Money(d.Value)} ({d.CostingMethod}; average unit cost {Format.Number(d.AverageUnitCost)}, last {Format.Number(d.LastUnitCost)})"),
            ("Policy", $"negative stock {(p.AllowNegative ? "allowed" : "not allowed")}; reorder point {Format.Number(p.ReorderPoint)}, " +
                       $"reorder qty {Format.Number(p.ReorderQuantity)}, safety stock {Format.Number(p.SafetyStock)}, max {Format.Number(p.MaxStock)}"),
            ("State version", $"{d.StateVersion} (stored snapshot {(d.StoredVersion is { } v ? v.ToString() : "none")})"),
            ("Ledger", $"{d.LedgerEntries} entries; last position seq {d.LastPositionSeq}, global seq {(d.LastLedgerSeq is { } s ? "#" + s : "-")}, at {Format.Time(d.LastMovementAt)}"),
            ("Next expiry", d.NextExpiry is { } next ? $"{Format.Time(next)} ({Format.Relative(next, now)})" : "-"),
            ("Ended reservations", $"{d.EndedReservationsRemembered} remembered for replays"),
        ]));
        console.Ansi.WriteLine();
        var layers = Format.Table(">Layer", ">Quantity", ">Unit cost", ">Value", "Received", "Lot", "Lot expires");
        foreach (var l in d.Layers)
        {
            layers.AddRow(l.Id.ToString(), Format.Number(l.Quantity), Format.Number(l.UnitCost), Format.Money(l.Value), Format.Time(l.ReceivedAt),
                Format.Text(l.Lot), l.ExpiresOn?.ToString("yyyy-MM-dd") ?? "-");
        }
        console.Ansi.WriteLine(d.Layers.Count == 0 ? "Cost layers: none" : "Cost layers:");
        if (d.Layers.Count > 0) console.Ansi.Write(layers);
        if (d.Lots.Count > 0)
        {
            var lots = Format.Table("Lot", ">Quantity", "Expires", ">Days left");
            foreach (var l in d.Lots)
                lots.AddRow(Format.Text(l.Lot), Format.Number(l.Quantity), l.ExpiresOn?.ToString("yyyy-MM-dd") ?? "-", l.DaysToExpiry?.ToString() ?? "-");
            console.Ansi.WriteLine("Lots:");
            console.Ansi.Write(lots);
        }
        console.Ansi.WriteLine(d.ActiveReservations.Count == 0 ? "Active reservations: none" : $"Active reservations ({d.ActiveReservations.Count}):");
        if (d.ActiveReservations.Count > 0)
        {
            var holds = Format.Table("Reservation", ">Quantity", "Reference", "Created", "Expires");
            foreach (var h in d.ActiveReservations)
                holds.AddRow(Format.Text(h.ReservationId), Format.Number(h.Quantity), Format.Text(h.Reference), Format.Time(h.CreatedAt),
                    $"{Format.Time(h.ExpiresAt)} ({Format.Relative(h.ExpiresAt, now)})");
            console.Ansi.Write(holds);
        }
    }
}
