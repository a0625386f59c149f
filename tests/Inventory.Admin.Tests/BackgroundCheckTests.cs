using System.Text.Json;
using Inventory.Queries.Reports;
using Inventory.Server.Application.Checks;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Admin.Tests;

/// <summary>
/// The checks the server schedules: the consistency check on its own interval (orphaned lines, drift, negative
/// available raise a consistency alert and a structured log entry, and clear again), and the daily report file.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class BackgroundCheckTests(AdminFixture fixture)
{
    [Fact]
    public async Task The_scheduled_consistency_check_raises_an_alert_and_a_log_entry_per_broken_position_and_resolves_them_once_fixed()
    {
        var connection = await fixture.Postgres.EnsureDatabaseAsync("admin_checks_" + Guid.NewGuid().ToString("N")[..8]);
        await using var server = await LiveServer.StartAsync(connection, new Dictionary<string, string?>
        {
            ["Inventory:Checks:ConsistencyFirstRunDelay"] = "00:00:00",
            ["Inventory:Checks:ConsistencyInterval"] = "00:00:01",
        });
        var w = Scratch.Id("BW");
        await server.StockedAsync(w, "ORPHAN", 10);
        await server.StockedAsync(w, "RELEASED", 10);
        await server.StockedAsync(w, "DRIFT", 10);
        await server.StockedAsync(w, "NEGATIVE", 10);
        await server.StockedAsync(w, "FINE", 10);
        await server.ReserveAsync("lost-1", w, "ORPHAN", 3, ttlSeconds: 3600);
        await server.ReserveAsync("done-1", w, "RELEASED", 4, ttlSeconds: 3600);
        await server.ReserveAsync("fine-1", w, "FINE", 1, ttlSeconds: 3600);
        await Sql.ExecuteAsync(connection, "DELETE FROM reservations WHERE id = 'lost-1'");
        await Sql.ExecuteAsync(connection, "UPDATE reservations SET status = 'released' WHERE id = 'done-1'");
        // The stored state is the summary snapshot that queries read and the recovery snapshot loading starts from.
        await Sql.ExecuteAsync(connection, """
            UPDATE stock_positions SET snapshot = jsonb_set(snapshot, '{averageUnitCost}', '7'),
                recovery = CASE WHEN recovery IS NULL THEN NULL ELSE jsonb_set(recovery, '{averageUnitCost}', '7') END
            WHERE warehouse = $1 AND sku = 'DRIFT'
            """, w);
        // Negative available is only possible through a bug or a hand in the database: write it as the store would.
        await Sql.ExecuteAsync(connection, """
            UPDATE stock_positions SET reserved = 15, snapshot = jsonb_set(snapshot, '{reserved}', '15'),
                recovery = CASE WHEN recovery IS NULL THEN NULL ELSE jsonb_set(recovery, '{reserved}', '15') END
            WHERE warehouse = $1 AND sku = 'NEGATIVE'
            """, w);

        var alerts = await Eventually.ValueAsync(async () =>
        {
            var list = (await Cli(server).RunAsync("alerts", "list", "--kind", "consistency", "--warehouse", w, "--json")).Succeeded().Json;
            // Each run re-reads every position, so the alert of one changed while a run was under way catches up at the next.
            return list.GetArrayLength() >= 4 && list.EnumerateArray().Any(a => a.GetProperty("data").ToString().Contains("negative_available"))
                ? list : (JsonElement?)null;
        }, "the four consistency alerts are raised");

        var bySku = alerts.EnumerateArray().ToDictionary(a => a.GetProperty("sku").GetString()!);
        Assert.Equal(["DRIFT", "NEGATIVE", "ORPHAN", "RELEASED"], bySku.Keys.Order());
        string Kinds(string sku) => string.Join(",", bySku[sku].GetProperty("data").GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("kind").GetString()).Order());
        Assert.Equal("orphaned_reservation", Kinds("ORPHAN"));
        Assert.Contains("'lost-1' but its reservation record is missing", bySku["ORPHAN"].GetProperty("message").GetString());
        Assert.Contains("'done-1' but its reservation is released", bySku["RELEASED"].GetProperty("message").GetString());
        Assert.Contains("drift", Kinds("DRIFT"));
        Assert.Contains("negative_available", Kinds("NEGATIVE"));
        Assert.All(bySku.Values, a => Assert.Equal(("open", "critical"), (a.GetProperty("status").GetString(), a.GetProperty("severity").GetString())));

        var logged = server.Logs.GetSnapshot().Where(e => e.Id.Id == 8101 && e.GetStructuredStateValue("Warehouse") == w).ToList();
        Assert.Contains(logged, e => e.GetStructuredStateValue("Sku") == "ORPHAN" && e.GetStructuredStateValue("ProblemKind") == "orphaned_reservation" && e.GetStructuredStateValue("ReservationId") == "lost-1");
        Assert.Contains(logged, e => e.GetStructuredStateValue("Sku") == "NEGATIVE" && e.GetStructuredStateValue("ProblemKind") == "negative_available");
        Assert.DoesNotContain(logged, e => e.GetStructuredStateValue("Sku") == "FINE");
        // Raised once per position, not again on every run: two more runs finish (the second started after this point).
        var runs = server.Logs.GetSnapshot().Count(e => e.Id.Id == 8102);
        await Eventually.TrueAsync(() => server.Logs.GetSnapshot().Count(e => e.Id.Id == 8102) >= runs + 2, "the check has run twice more");
        Assert.Equal(4, (await Cli(server).RunAsync("alerts", "list", "--status", "all", "--kind", "consistency", "--warehouse", w, "--json")).Succeeded().Json.GetArrayLength());

        (await Cli(server).RunAsync("reconcile", "--warehouse", w, "--repair")).Succeeded();
        // The repair rewrote DRIFT and NEGATIVE from their ledgers and gave back the lines whose records are missing
        // or released: the next runs find nothing and resolve every alert.
        await Eventually.ValueAsync(async () =>
        {
            var resolved = (await Cli(server).RunAsync("alerts", "list", "--status", "resolved", "--kind", "consistency", "--warehouse", w, "--json")).Succeeded().Json;
            return resolved.GetArrayLength() == 4 ? resolved : (JsonElement?)null;
        }, "the four alerts are resolved");
        var active = (await Cli(server).RunAsync("alerts", "list", "--kind", "consistency", "--warehouse", w, "--json")).Succeeded().Json;
        Assert.Equal(0, active.GetArrayLength());
        foreach (var sku in new[] { "ORPHAN", "RELEASED" })
            Assert.Equal(0m, (await server.SendAsync(HttpMethod.Get, $"/api/v1/stock/{w}/{sku}")).GetProperty("reserved").GetDecimal());
        // And the scheduled check itself now finds the database clean (other tests' warehouses live elsewhere).
        await Eventually.ValueAsync(async () =>
        {
            var status = (await Cli(server).RunAsync("health", "--json")).Succeeded().Json.GetProperty("checks").GetProperty("lastConsistencyCheck");
            return status.GetProperty("problems").ValueKind == JsonValueKind.Number && status.GetProperty("problems").GetInt32() == 0 ? status : (JsonElement?)null;
        }, "the last check found no problem");
    }

    [Fact]
    public async Task The_daily_report_file_holds_movements_valuation_and_alerts_of_the_day()
    {
        var connection = await fixture.Postgres.EnsureDatabaseAsync("admin_report_" + Guid.NewGuid().ToString("N")[..8]);
        await using var server = await LiveServer.StartAsync(connection);
        var w = Scratch.Id("DR");
        await server.StockedAsync(w, "A", 10, 2m);
        await server.StockedAsync(w, "B", 4, 10m);
        await server.ReserveAsync("r-a", w, "A", 3, ttlSeconds: 3600);
        await server.SendAsync(HttpMethod.Post, "/api/v1/reservations/r-a/commit", new { });
        await server.SendAsync(HttpMethod.Post, $"/api/v1/stock/{w}/B/adjustments", new { delta = -4, reason = "damage" });
        await Eventually.ValueAsync(async () =>
        {
            var outOfStock = (await Cli(server).RunAsync("alerts", "list", "--kind", "out_of_stock", "--sku", "B", "--json")).Succeeded().Json;
            return outOfStock.GetArrayLength() == 1 ? outOfStock : (JsonElement?)null;
        }, "B's out-of-stock alert is raised");
        var reports = server.Services.GetRequiredService<DailyReports>();
        var today = reports.Today;

        // Yesterday's (empty) report was written at start-up; today's is written on demand here.
        Assert.True(File.Exists(Path.Combine(server.DataDirectory, "reports", $"daily-{today.AddDays(-1):yyyy-MM-dd}.md")));
        var (_, path) = await reports.WriteAsync(today);

        Assert.Equal(Path.Combine(server.DataDirectory, "reports", $"daily-{today:yyyy-MM-dd}.md"), path);
        var markdown = await File.ReadAllTextAsync(path);
        Assert.Contains($"# Daily inventory report {today:yyyy-MM-dd}", markdown);
        Assert.Contains("2 positions moved.", markdown);
        Assert.Contains("| received | 2 | 14 | 60.00 |", markdown);
        Assert.Contains("| committed | 1 | 3 | 6.00 |", markdown);
        Assert.Contains("| adjusted | 1 | -4 | 40.00 |", markdown);
        Assert.Contains("14.00 across 2 positions.", markdown);
        Assert.Contains("| FIFO | 2 | 7 | 14.00 |", markdown);
        Assert.Contains("| out_of_stock | 1 | 0 | 0 | 1 |", markdown);
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(path, ".json"))).RootElement;
        Assert.Equal(14m, json.GetProperty("valuation").GetProperty("totalValue").GetDecimal());
        Assert.Equal(1, json.GetProperty("alerts").GetProperty("opened").GetInt64());

        var fromCli = (await Cli(server).RunAsync("report", "daily", "--date", today.ToString("yyyy-MM-dd"), "--json")).Succeeded().Json;
        Assert.Equal(14m, fromCli.GetProperty("valuation").GetProperty("totalValue").GetDecimal());
        var built = await new DailyReportBuilder(server.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            server.Services.GetRequiredService<Inventory.Grains.Storage.IStockPositionStore>(), TimeProvider.System).BuildAsync(today.AddDays(-1));
        Assert.Empty(built.Movements);
    }

    private static Cli Cli(LiveServer server) => new(new Dictionary<string, string?>
    {
        ["INVENTORY_SERVER"] = server.Address.ToString(),
        ["INVENTORY_DATA_DIR"] = server.DataDirectory,
    });
}
