using System.CommandLine;
using Inventory.Admin.Cli;
using Inventory.Admin.Output;
using Inventory.Grains.Maintenance;
using Spectre.Console;

namespace Inventory.Admin.Commands;

/// <summary><c>grains</c> (what is active in memory) and <c>grain deactivate</c>. They need the server: activations live in its memory.</summary>
public static class GrainsCommands
{
    public static Command Grains(AdminConsole console)
    {
        var top = Actions.Number("--top", "How many of the hottest positions to list", GrainsOverview.DefaultTop);
        var command = new Command("grains", "The cluster's silos, activations by grain type and silo, and the hottest positions of the answering node by calls/s") { top };
        return command.Runs(console, async (session, parse, ct) =>
        {
            var overview = await session.Server.GetAsync<GrainsOverview>($"/api/v1/admin/grains?top={parse.GetValue(top)}", ct);
            if (session.Json)
            {
                session.WriteJson(overview);
                return ExitCodes.Ok;
            }
            var types = Format.Table("Grain type", ">Activations", "Silos");
            foreach (var t in overview.Types)
                types.AddRow(Format.Text(t.Type), t.Activations.ToString(), Format.Text(string.Join(", ", t.Silos.Select(s => $"{s.Silo}: {s.Activations}"))));
            var silos = Format.Table("Silo", "Status");
            foreach (var s in overview.Silos)
                silos.AddRow(Format.Text(s.Silo + (s.Silo == overview.Silo ? " (answered)" : "")), Format.Text(s.Status));
            console.Ansi.WriteLine($"{overview.Activations} activations at {Format.Time(overview.At)}");
            console.Ansi.Write(silos);
            console.Ansi.Write(types);
            var hot = Format.Table($"Hottest positions on {overview.Silo}", ">Calls/s", ">Calls", ">Waiting", ">Idle", "Active since");
            foreach (var h in overview.HottestPositions)
            {
                hot.AddRow(Format.Text(h.Key), Format.Rate(h.CallsPerSecond), h.CallsTotal.ToString(), h.Waiting.ToString(),
                    Format.Age(h.IdleSeconds), Format.Time(h.ActivatedAt));
            }
            if (overview.HottestPositions.Count > 0)
                console.Ansi.Write(hot);
            return ExitCodes.Ok;
        });
    }

    public static Command Grain(AdminConsole console)
    {
        var type = Actions.Argument("type", "Grain type: position, reservation, alert, transfer, approval, serial, work-order, an interface name such as IStockPositionGrain, or a type as grains lists it");
        var key = Actions.Argument("key", "Grain key, e.g. WH1/SKU-1 for a position or the reservation id");
        var deactivate = new Command("deactivate", "Drop an activation wherever it runs, once its running calls end; its next call reloads it from storage") { type, key };
        deactivate.Runs(console, async (session, parse, ct) =>
        {
            var result = await session.Server.PostAsync<DeactivateAnswer>("/api/v1/admin/grains/deactivate",
                new { type = parse.GetValue(type), key = parse.GetValue(key) }, ct);
            if (session.Json)
                session.WriteJson(result);
            else
                console.Out.WriteLine($"Deactivated {result.Type}/{result.Key}; its next call loads it from storage.");
            return ExitCodes.Ok;
        });
        return new Command("grain", "Act on one grain activation") { deactivate };
    }

    private sealed record DeactivateAnswer(string Type, string Key, bool Deactivated);
}
