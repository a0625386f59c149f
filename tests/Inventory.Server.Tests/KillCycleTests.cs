using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Inventory.TestSupport;
using Npgsql;
using Xunit.Abstractions;

namespace Inventory.Server.Tests;

/// <summary>
/// The service as a child process under a flood of checkouts that are then committed or released, killed with
/// SIGKILL at a random moment and restarted on the same data, cycle after cycle. After every restart: each
/// acknowledged change is there, nothing is left in between, every reservation record agrees with the positions'
/// holds (and reconcile, which checks that both ways, says so), and the levels equal what the records say.
/// INVENTORY_KILL_CYCLES sets the number of cycles (3 by default; docs/testing.md's long run uses 100).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class KillCycleTests(PostgresFixture postgres, ITestOutputHelper output)
{
    internal static readonly string[] Skus = ["KILL-A", "KILL-B", "KILL-C"];
    internal const decimal Stock = 1_000_000m;

    /// <summary>What the clients were told about one reservation, and what they asked that was never answered.</summary>
    internal sealed class Outcome
    {
        public required int[] Quantities { get; init; }
        public bool CreateAcknowledged { get; set; }
        public string? Acknowledged { get; set; } // "committed" or "released"
        public string? Unanswered { get; set; } // a commit or release whose answer never came
    }

    [Fact]
    public async Task Every_kill_leaves_acknowledged_changes_in_place_and_records_agreeing_with_positions()
    {
        var cycles = int.TryParse(Environment.GetEnvironmentVariable("INVENTORY_KILL_CYCLES"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3;
        var connectionString = await postgres.Server.EnsureDatabaseAsync("kill_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        using var child = new ChildServer(connectionString, "kill");
        var (admin, sales) = (child.Admin, child.Sales);
        var outcomes = new ConcurrentDictionary<string, Outcome>();
        var random = new Random(20261201);
        var stopwatch = Stopwatch.StartNew();

        var server = child.Start();
        try
        {
            await ChildServer.WaitUntilLive(admin, server);
            await StockAsync(admin);

            for (var cycle = 1; cycle <= cycles; cycle++)
            {
                using var stop = new CancellationTokenSource();
                var answered = 0;
                var workers = Enumerable.Range(0, 16).Select(worker => Task.Run(() =>
                    Checkouts(sales, $"c{cycle}-w{worker}", new Random(cycle * 100 + worker), outcomes, r => { if (r is not null) Interlocked.Increment(ref answered); }, stop.Token))).ToArray();
                // Kill at a random moment once some answers have come back: anywhere in a create, commit or release.
                var killAfter = random.Next(20, 400);
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (Volatile.Read(ref answered) < killAfter && DateTime.UtcNow < deadline) await Task.Delay(2);
                await Task.Delay(random.Next(0, 50));
                server.Kill(); // SIGKILL: no shutdown code runs
                await server.WaitForExitAsync();
                stop.Cancel();
                await Task.WhenAll(workers);

                server = child.Start();
                await ChildServer.WaitUntilLive(admin, server);
                await ChildServer.WaitUntilNoneInFlight(connectionString);
                var disagreements = await VerifyAsync(admin, connectionString, outcomes);
                output.WriteLine($"cycle {cycle}: killed after {killAfter} answers; {outcomes.Count} reservations so far, " +
                    $"{outcomes.Values.Count(o => o.Unanswered is not null)} with an unanswered commit/release; {disagreements} disagreements");
                Assert.Equal(0, disagreements);
            }
        }
        finally
        {
            if (!server.HasExited) server.Kill();
            await server.WaitForExitAsync();
        }
        output.WriteLine($"{cycles} kill cycles in {stopwatch.Elapsed.TotalSeconds:F0} s");
    }

    internal static async Task StockAsync(HttpClient admin)
    {
        Assert.True((await admin.PutAsJsonAsync("/api/v1/warehouses/KILL", new { name = "Kill", type = "warehouse", canShip = true, canReceive = true })).IsSuccessStatusCode);
        foreach (var sku in Skus)
        {
            Assert.True((await admin.PutAsJsonAsync($"/api/v1/products/{sku}", new { name = sku, type = "FINISHED", baseUnit = "piece", costingMethod = "FIFO" })).IsSuccessStatusCode);
            Assert.True((await admin.PostAsJsonAsync($"/api/v1/stock/KILL/{sku}/receipts", new { quantity = Stock, unitCost = 2m })).IsSuccessStatusCode);
        }
    }

    /// <summary>
    /// One client's checkouts until stopped: create, then commit (40 %), release (40 %) or leave active. Every answer
    /// is recorded in <paramref name="outcomes"/>; <paramref name="answered"/> hears each status code.
    /// </summary>
    internal static async Task Checkouts(HttpClient sales, string prefix, Random random, ConcurrentDictionary<string, Outcome> outcomes,
        Action<HttpResponseMessage?> answered, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var id = $"{prefix}-{i}";
            var quantities = Skus.Select(_ => random.Next(0, 3)).ToArray();
            if (quantities.All(q => q == 0)) quantities[random.Next(Skus.Length)] = 1;
            var outcome = outcomes[id] = new Outcome { Quantities = quantities };
            var lines = Skus.Select((sku, k) => new { sku, warehouse = "KILL", quantity = quantities[k] }).Where(l => l.quantity > 0).ToArray();
            try
            {
                using var created = await sales.PostAsJsonAsync("/api/v1/reservations", new { reservationId = id, lines, ttlSeconds = 7200 }, stop);
                answered(created);
                if (created.StatusCode != HttpStatusCode.Created) continue;
                outcome.CreateAcknowledged = true;
                var action = random.Next(10) switch { < 4 => "commit", < 8 => "release", _ => null };
                if (action is null) continue; // left active
                outcome.Unanswered = action == "commit" ? "committed" : "released";
                using var changed = await sales.PostAsync($"/api/v1/reservations/{id}/{action}", null, stop);
                answered(changed);
                if (changed.StatusCode == HttpStatusCode.OK)
                {
                    outcome.Acknowledged = outcome.Unanswered;
                    outcome.Unanswered = null;
                }
            }
            catch (Exception)
            {
                // The process died (or is dying) under this request: it may or may not have happened.
                answered(null);
                if (stop.IsCancellationRequested) return;
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    /// <summary>Returns the number of disagreements found (each also fails an assertion with its reason).</summary>
    internal static async Task<int> VerifyAsync(HttpClient admin, string connectionString, ConcurrentDictionary<string, Outcome> outcomes)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var records = new Dictionary<string, string>();
        await using (var command = new NpgsqlCommand("SELECT id, status FROM reservations WHERE id LIKE 'c%-w%'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) records[reader.GetString(0)] = reader.GetString(1);
        }

        foreach (var (id, outcome) in outcomes)
        {
            var status = records.GetValueOrDefault(id, "absent");
            string[] allowed = outcome switch
            {
                { Acknowledged: { } done } => [done],
                { CreateAcknowledged: true, Unanswered: { } maybe } => ["active", maybe],
                { CreateAcknowledged: true } => ["active"],
                _ => ["absent", "active", "failed"], // a create without an answer: all of it or nothing
            };
            Assert.True(allowed.Contains(status), $"reservation {id} is {status}; the clients were told {(outcome.Acknowledged ?? (outcome.CreateAcknowledged ? "active" : "nothing"))}");
        }
        Assert.DoesNotContain(records.Keys, id => !outcomes.ContainsKey(id));

        // The levels are what the records say: held = active lines, sold = committed lines.
        var positions = new Dictionary<string, (decimal OnHand, decimal Reserved)>();
        await using (var command = new NpgsqlCommand("SELECT sku, on_hand, reserved FROM stock_positions WHERE warehouse = 'KILL'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) positions[reader.GetString(0)] = (reader.GetDecimal(1), reader.GetDecimal(2));
        }
        for (var k = 0; k < Skus.Length; k++)
        {
            var held = records.Where(r => r.Value == "active").Sum(r => (decimal)outcomes[r.Key].Quantities[k]);
            var sold = records.Where(r => r.Value == "committed").Sum(r => (decimal)outcomes[r.Key].Quantities[k]);
            Assert.Equal(held, positions[Skus[k]].Reserved);
            Assert.Equal(Stock - sold, positions[Skus[k]].OnHand);
        }

        using var reconcile = await admin.PostAsync("/api/v1/admin/reconcile?warehouse=KILL", null);
        var report = await reconcile.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(reconcile.IsSuccessStatusCode, report.ToString());
        Assert.Equal(0, report.GetProperty("differences").GetArrayLength());
        var disagreements = report.TryGetProperty("reservations", out var found) ? found.GetArrayLength() : -1;
        Assert.True(report.GetProperty("consistent").GetBoolean(), report.ToString());
        Assert.True(disagreements >= 0, "reconcile did not compare reservation records with the positions' holds");
        return disagreements;
    }
}
