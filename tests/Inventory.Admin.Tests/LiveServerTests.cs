using System.Text.Json;
using Inventory.Admin.Connections;
using Inventory.TestSupport;

namespace Inventory.Admin.Tests;

/// <summary>The CLI against a running server: real HTTP, real PostgreSQL, tokens minted from the server's data directory.</summary>
[Collection(AdminCollection.Name)]
public sealed class LiveServerTests(AdminFixture fixture)
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task Grains_lists_activations_by_type_and_the_hottest_positions()
    {
        var (w, sku) = (Scratch.Id("GW"), Scratch.Id("GS"));
        await Server.StockedAsync(w, sku, 10);
        for (var i = 0; i < 5; i++)
            await Server.SendAsync(HttpMethod.Get, $"/api/v1/stock/{w}/{sku}");

        var json = (await fixture.Cli.RunAsync("grains", "--top", "1000", "--json")).Succeeded().Json;
        var table = (await fixture.Cli.RunAsync("grains")).Succeeded();

        var positions = json.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("type").GetString() == "StockPositionGrain");
        Assert.True(positions.GetProperty("activations").GetInt32() >= 1);
        Assert.Equal(positions.GetProperty("activations").GetInt32(),
            positions.GetProperty("silos").EnumerateArray().Sum(s => s.GetProperty("activations").GetInt32()));
        var hot = json.GetProperty("hottestPositions").EnumerateArray().Single(h => h.GetProperty("key").GetString() == $"{w}/{sku}");
        Assert.True(hot.GetProperty("callsTotal").GetInt64() >= 6);
        Assert.Equal(0, hot.GetProperty("waiting").GetInt32());
        // One silo here: it answered, it is active, and it is the one hosting the position.
        var silo = json.GetProperty("silo").GetString()!;
        Assert.Equal("Active", json.GetProperty("silos").EnumerateArray().Single(s => s.GetProperty("silo").GetString() == silo).GetProperty("status").GetString());
        Assert.Equal(silo, positions.GetProperty("silos").EnumerateArray().Single().GetProperty("silo").GetString());
        Assert.Contains("StockPositionGrain", table.Out);
        Assert.Contains($"{silo} (answered)", table.Out);
        Assert.Contains("Hottest positions", table.Out);
        Assert.Contains("Waiting", table.Out);
    }

    [Fact]
    public async Task Position_show_has_levels_layers_lots_reservations_versions_and_memory_state()
    {
        var (w, sku) = (Scratch.Id("PW"), Scratch.Id("PS"));
        await Server.StockedAsync(w, sku, 10, 2m, lot: "LOT-A", expiresOn: new DateOnly(2030, 1, 31));
        await Server.SendAsync(HttpMethod.Post, $"/api/v1/stock/{w}/{sku}/receipts", new { quantity = 5, unitCost = 3 });
        await Server.ReserveAsync("hold-" + sku, w, sku, 4, reference: "ORDER-9", ttlSeconds: 600);

        var d = (await fixture.Cli.RunAsync("position", "show", w, sku, "--json")).Succeeded().Json;
        var text = (await fixture.Cli.RunAsync("position", "show", w, sku)).Succeeded().Out;

        Assert.Equal((15m, 4m, 11m), (d.GetProperty("onHand").GetDecimal(), d.GetProperty("reserved").GetDecimal(), d.GetProperty("available").GetDecimal()));
        Assert.True(d.GetProperty("activeInMemory").GetBoolean());
        Assert.Contains(":", d.GetProperty("silo").GetString()); // an Orleans silo address, e.g. S127.0.0.1:11111:...
        Assert.Equal("memory", d.GetProperty("source").GetString());
        Assert.Equal(35m, d.GetProperty("value").GetDecimal());
        Assert.Equal(3, d.GetProperty("stateVersion").GetInt64());
        Assert.Equal(3, d.GetProperty("storedVersion").GetInt64());
        Assert.Equal(3, d.GetProperty("lastPositionSeq").GetInt64());
        Assert.True(d.GetProperty("lastLedgerSeq").GetInt64() >= 3);
        Assert.Equal([10m, 5m], d.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("quantity").GetDecimal()));
        var lot = d.GetProperty("lots").EnumerateArray().Single();
        Assert.Equal(("LOT-A", 10m), (lot.GetProperty("lot").GetString(), lot.GetProperty("quantity").GetDecimal()));
        var hold = d.GetProperty("activeReservations").EnumerateArray().Single();
        Assert.Equal(("hold-" + sku, 4m, "ORDER-9"), (hold.GetProperty("reservationId").GetString(), hold.GetProperty("quantity").GetDecimal(), hold.GetProperty("reference").GetString()));
        Assert.InRange(hold.GetProperty("expiresInSeconds").GetDouble(), 550, 620);
        Assert.Contains("Active in memory    yes, on silo S", text);
        Assert.Contains("LOT-A", text);
        Assert.Contains("hold-" + sku, text);
        Assert.Contains("State version       3 (stored snapshot 3)", text);
    }

    [Fact]
    public async Task An_unknown_position_exits_5_with_what_to_check()
    {
        var result = (await fixture.Cli.RunAsync("position", "show", "NOWHERE", "NOTHING")).Exited(ExitCodes.NotFound);

        Assert.Contains("There is no stock position NOWHERE/NOTHING", result.Error);
        Assert.Contains("what to do:", result.Error);
    }

    [Fact]
    public async Task Grain_deactivate_drops_the_activation_and_the_next_read_comes_from_storage()
    {
        var (w, sku) = (Scratch.Id("DW"), Scratch.Id("DS"));
        await Server.StockedAsync(w, sku, 7);

        (await fixture.Cli.RunAsync("grain", "deactivate", "position", $"{w}/{sku}")).Succeeded();
        var after = (await fixture.Cli.RunAsync("position", "show", w, sku, "--json")).Succeeded().Json;
        var again = (await fixture.Cli.RunAsync("grain", "deactivate", "position", $"{w}/{sku}")).Exited(ExitCodes.NotFound);

        Assert.False(after.GetProperty("activeInMemory").GetBoolean());
        Assert.Equal("snapshot", after.GetProperty("source").GetString());
        Assert.Equal(7m, after.GetProperty("onHand").GetDecimal());
        Assert.Contains("is not active in memory", again.Error);
        // The next call reloads it: the stock is still there.
        var level = await Server.SendAsync(HttpMethod.Get, $"/api/v1/stock/{w}/{sku}");
        Assert.Equal(7m, level.GetProperty("onHand").GetDecimal());
    }

    [Fact]
    public async Task Reconcile_lists_a_drifted_snapshot_exits_8_and_repair_rewrites_it()
    {
        var (w, sku) = (Scratch.Id("RW"), Scratch.Id("RS"));
        await Server.StockedAsync(w, sku, 10, 2m);
        await Sql.ExecuteAsync(fixture.ConnectionString,
            "UPDATE stock_positions SET snapshot = jsonb_set(snapshot, '{lastUnitCost}', '99') WHERE warehouse = $1 AND sku = $2", w, sku);

        var found = (await fixture.Cli.RunAsync("reconcile", "--warehouse", w)).Exited(ExitCodes.CheckFailed);
        var repaired = (await fixture.Cli.RunAsync("reconcile", "--warehouse", w, "--repair", "--json")).Succeeded().Json;
        var clean = (await fixture.Cli.RunAsync("reconcile", "--warehouse", w)).Succeeded();

        Assert.Contains($"{w}/{sku}", found.Out);
        Assert.Contains("lastUnitCost", found.Out);
        Assert.Contains("99", found.Out);
        Assert.Contains("--repair", found.Out);
        Assert.True(repaired.GetProperty("differences")[0].GetProperty("repaired").GetBoolean());
        Assert.Contains("every snapshot equals the fold of its ledger", clean.Out);
    }

    [Fact]
    public async Task Ledger_export_writes_the_range_as_csv_and_tail_follows_new_entries()
    {
        var (w, sku) = (Scratch.Id("LW"), Scratch.Id("LS"));
        var from = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        await Server.StockedAsync(w, sku, 10, 2.5m);
        await Server.ReserveAsync("led-" + sku, w, sku, 3, "REF,WITH COMMA");

        var csv = (await fixture.Cli.RunAsync("ledger", "export", "--from", from, "--warehouse", w)).Succeeded();
        var lines = csv.Out.Trim().Split('\n');
        Assert.Equal(Inventory.Admin.Commands.LedgerCommands.CsvHeader, lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains($",{w},{sku},1,received,10,2.5,25", lines[1]);
        Assert.Contains($",{w},{sku},2,reserved,3,", lines[2]);
        Assert.Contains("\"REF,WITH COMMA\"", lines[2]);
        Assert.Contains("2 ledger entries", csv.Error);

        var file = Path.Combine(Scratch.NewDirectory("export"), "ledger.csv");
        (await fixture.Cli.RunAsync("ledger", "export", "--from", from, "--to", DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"), "--sku", sku, "--output", file)).Succeeded();
        Assert.Equal(3, (await File.ReadAllLinesAsync(file)).Length);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var tail = fixture.Cli.RunAsync(timeout.Token, "ledger", "tail", "--warehouse", w, "--last", "0", "--max", "2", "--interval", "200ms", "--json");
        await Task.Delay(1000);
        await Server.SendAsync(HttpMethod.Post, $"/api/v1/stock/{w}/{sku}/receipts", new { quantity = 4, unitCost = 3 });
        await Server.SendAsync(HttpMethod.Post, $"/api/v1/reservations/led-{sku}/release", new { });
        var followed = (await tail).Succeeded().Out.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["received", "released"], followed.Select(e => e.GetProperty("type").GetString()));
        Assert.All(followed, e => Assert.Equal(w, e.GetProperty("warehouse").GetString()));
    }

    [Fact]
    public async Task Reservations_list_filters_by_status_age_and_reference_and_release_and_expire_now_act()
    {
        var (w, sku) = (Scratch.Id("VW"), Scratch.Id("VS"));
        await Server.StockedAsync(w, sku, 20);
        var reference = Scratch.Id("ORDER");
        await Server.ReserveAsync("a-" + sku, w, sku, 2, reference, 3600);
        await Server.ReserveAsync("b-" + sku, w, sku, 3, reference, 3600);
        await Server.ReserveAsync("c-" + sku, w, sku, 1, "OTHER", 3600);

        var listed = (await fixture.Cli.RunAsync("reservations", "list", "--reference", reference, "--status", "active", "--json")).Succeeded().Json;
        Assert.Equal(["a-" + sku, "b-" + sku], listed.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var none = (await fixture.Cli.RunAsync("reservations", "list", "--reference", reference, "--older-than", "1h")).Succeeded();
        Assert.Contains("No reservations match", none.Out);

        (await fixture.Cli.RunAsync("reservations", "release", "a-" + sku)).Succeeded();
        var expired = (await fixture.Cli.RunAsync("reservations", "expire-now", "b-" + sku, "--json")).Succeeded().Json;
        var twice = (await fixture.Cli.RunAsync("reservations", "release", "a-" + sku)).Succeeded();
        var refused = (await fixture.Cli.RunAsync("reservations", "expire-now", "a-" + sku)).Exited(ExitCodes.Refused);
        var unknown = (await fixture.Cli.RunAsync("reservations", "expire-now", "nobody-" + sku)).Exited(ExitCodes.NotFound);

        Assert.Equal("expired", expired.GetProperty("status").GetString());
        Assert.Contains("released", twice.Out);
        Assert.Contains("not active", refused.Error);
        Assert.Contains("reservations list", unknown.Error);
        var position = (await fixture.Cli.RunAsync("position", "show", w, sku, "--json")).Succeeded().Json;
        Assert.Equal((1m, 19m), (position.GetProperty("reserved").GetDecimal(), position.GetProperty("available").GetDecimal()));
        var table = (await fixture.Cli.RunAsync("reservations", "list", "--reference", reference)).Succeeded();
        Assert.Contains("released", table.Out);
        Assert.Contains("expired", table.Out);
    }

    [Fact]
    public async Task Reconcile_and_the_consistency_check_find_records_and_holds_that_disagree_both_ways_and_repair_brings_them_together()
    {
        var (w, sku) = (Scratch.Id("GW"), Scratch.Id("GS"));
        await Server.StockedAsync(w, sku, 10);
        var (unheld, orphaned) = ("unheld-" + sku, "orphaned-" + sku);
        await Server.ReserveAsync(unheld, w, sku, 2, ttlSeconds: 3600);
        await Server.ReserveAsync(orphaned, w, sku, 3, ttlSeconds: 3600);
        await Server.SendAsync(HttpMethod.Post, $"/api/v1/reservations/{unheld}/release");
        // What only a bug or a hand in the database could do: a record that says active for a line its position gave
        // back, and a record that says released for a line its position still holds.
        await Sql.ExecuteAsync(fixture.ConnectionString, "UPDATE reservations SET status = 'active' WHERE id = $1", unheld);
        await Sql.ExecuteAsync(fixture.ConnectionString, "UPDATE reservations SET status = 'released' WHERE id = $1", orphaned);

        var found = (await fixture.Cli.RunAsync("reconcile", "--warehouse", w)).Exited(ExitCodes.CheckFailed);
        Assert.Contains(unheld, found.Out);
        Assert.Contains(orphaned, found.Out);
        var check = (await fixture.Cli.RunAsync("check", "consistency", "--json")).Exited(ExitCodes.CheckFailed).Json;
        var kinds = check.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("sku").GetString() == sku)
            .Select(p => (p.GetProperty("kind").GetString(), p.GetProperty("reservationId").GetString())).ToHashSet();
        Assert.Equal([("orphaned_reservation", orphaned), ("unheld_reservation", unheld)], kinds.OrderBy(k => k.Item1));

        var repaired = (await fixture.Cli.RunAsync("reconcile", "--warehouse", w, "--repair", "--json")).Succeeded().Json;
        Assert.All(repaired.GetProperty("reservations").EnumerateArray(), d => Assert.True(d.GetProperty("repaired").GetBoolean()));
        (await fixture.Cli.RunAsync("reconcile", "--warehouse", w)).Succeeded();
        Assert.Equal("released", (await Server.SendAsync(HttpMethod.Get, $"/api/v1/reservations/{unheld}")).GetProperty("status").GetString());
        var position = await Server.SendAsync(HttpMethod.Get, $"/api/v1/stock/{w}/{sku}");
        Assert.Equal((10m, 0m), (position.GetProperty("onHand").GetDecimal(), position.GetProperty("reserved").GetDecimal()));
    }

    [Fact]
    public async Task Alerts_list_shows_consistency_alerts_and_ack_records_the_note()
    {
        var (w, sku) = (Scratch.Id("AW"), Scratch.Id("AS"));
        await Server.StockedAsync(w, sku, 5);
        await Server.ReserveAsync("gone-" + sku, w, sku, 2, ttlSeconds: 3600);
        await Sql.ExecuteAsync(fixture.ConnectionString, "DELETE FROM reservations WHERE id = $1", "gone-" + sku);

        var check = (await fixture.Cli.RunAsync("check", "consistency", "--json")).Exited(ExitCodes.CheckFailed).Json;
        var problem = check.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("sku").GetString() == sku);
        Assert.Equal("orphaned_reservation", problem.GetProperty("kind").GetString());
        Assert.Contains("its reservation record is missing", problem.GetProperty("detail").GetString());

        var listed = (await fixture.Cli.RunAsync("alerts", "list", "--kind", "consistency", "--sku", sku, "--json")).Succeeded().Json;
        var alert = listed.EnumerateArray().Single();
        Assert.Equal(("open", "critical", w), (alert.GetProperty("status").GetString(), alert.GetProperty("severity").GetString(), alert.GetProperty("warehouse").GetString()));
        Assert.Equal("orphaned_reservation", alert.GetProperty("data").GetProperty("problems")[0].GetProperty("kind").GetString());
        var id = alert.GetProperty("id").GetInt64().ToString();

        (await fixture.Cli.RunAsync("alerts", "ack", id, "--note", "investigating the lost record")).Succeeded();
        var table = (await fixture.Cli.RunAsync("alerts", "list", "--sku", sku)).Succeeded();
        Assert.Contains("acknowledged by", table.Out);
        Assert.Contains("investigating the lost record", table.Out);
        (await fixture.Cli.RunAsync("alerts", "ack", "999999999", "--note", "x")).Exited(ExitCodes.NotFound);
    }

    [Fact]
    public async Task A_minted_token_is_accepted_and_a_wrong_or_weak_token_is_refused_with_what_to_do()
    {
        var minted = (await fixture.Cli.RunAsync("token", "mint", "--role", "admin", "--user", "carol", "--hours", "1")).Succeeded();
        var token = minted.Out.Trim();
        var viewer = (await fixture.Cli.RunAsync("token", "mint", "--role", "viewer", "--user", "vic", "--json")).Succeeded().Json.GetProperty("token").GetString()!;
        var noKey = new Cli(new Dictionary<string, string?> { ["INVENTORY_SERVER"] = Server.Address.ToString() });

        (await noKey.RunAsync("grains", "--token", token)).Succeeded();
        var weak = (await noKey.RunAsync("grains", "--token", viewer)).Exited(ExitCodes.Unauthorized);
        var forged = (await noKey.RunAsync("grains", "--token", LocalTokens.Issue(new byte[32], "mallory", ["admin"], TimeSpan.FromHours(1)))).Exited(ExitCodes.Unauthorized);
        var missing = (await noKey.RunAsync("grains")).Exited(ExitCodes.Unauthorized);
        var badRole = (await fixture.Cli.RunAsync("token", "mint", "--role", "root", "--user", "x")).Exited(ExitCodes.Usage);

        Assert.Contains("token mint --role admin", weak.Error);
        Assert.Contains("rejected the token", forged.Error);
        Assert.Contains("token mint --role admin", forged.Error);
        Assert.Contains("No token", missing.Error);
        Assert.Contains("Unknown role 'root'", badRole.Error);
    }

    [Fact]
    public async Task Health_migrate_and_the_daily_report_work_against_the_live_server()
    {
        var health = (await fixture.Cli.With("INVENTORY_CONNECTION", fixture.ConnectionString).RunAsync("health", "--json")).Succeeded().Json;
        Assert.True(health.GetProperty("reachable").GetBoolean());
        Assert.Equal("healthy", health.GetProperty("health").GetProperty("status").GetString());
        Assert.True(health.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.True(health.GetProperty("checks").GetProperty("consistencyCheckEnabled").GetBoolean());

        var migrate = (await new Cli(new Dictionary<string, string?>()).RunAsync("migrate", "--connection", fixture.ConnectionString)).Succeeded();
        Assert.Contains("up to date", migrate.Out);

        var (w, sku) = (Scratch.Id("YW"), Scratch.Id("YS"));
        await Server.StockedAsync(w, sku, 4, 5m);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var report = (await fixture.Cli.RunAsync("report", "daily", "--date", today, "--json")).Succeeded().Json;
        Assert.Equal(today, report.GetProperty("date").GetString());
        Assert.True(report.GetProperty("movements").EnumerateArray().Single(m => m.GetProperty("type").GetString() == "received").GetProperty("entries").GetInt64() >= 1);
        var yesterday = (await fixture.Cli.RunAsync("report", "daily")).Succeeded();
        Assert.Contains("# Daily inventory report " + DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"), yesterday.Out);
        Assert.Contains("file:", yesterday.Error);
        (await fixture.Cli.RunAsync("report", "daily", "--date", "tomorrow")).Exited(ExitCodes.Usage);
    }
}
