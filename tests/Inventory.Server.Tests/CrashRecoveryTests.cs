using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Inventory.TestSupport;
using Npgsql;
using Xunit.Abstractions;

namespace Inventory.Server.Tests;

/// <summary>
/// The service as its own process, killed with SIGKILL in the middle of a flood of checkouts, then restarted:
/// what it acknowledged is there, what it refused or never finished holds no stock, snapshots equal the ledger.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class CrashRecoveryTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly string[] Skus = ["CRASH-A", "CRASH-B", "CRASH-C"];
    // Small enough that stock runs out (and carts are refused) around the time of the kill.
    private const decimal Stock = 150m;

    [Fact]
    public async Task A_killed_service_restarts_with_every_acknowledged_reservation_and_nothing_half_applied()
    {
        var connectionString = await postgres.Server.EnsureDatabaseAsync("crash_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        using var child = new ChildServer(connectionString, "crash");
        var (admin, sales) = (child.Admin, child.Sales);

        var first = child.Start();
        var acknowledged = new ConcurrentDictionary<string, int[]>();
        var refused = new ConcurrentDictionary<string, int[]>();
        var unknown = new ConcurrentDictionary<string, int[]>();
        try
        {
            await ChildServer.WaitUntilLive(admin, first);
            Assert.True((await admin.PutAsJsonAsync("/api/v1/warehouses/CRASH", new { name = "Crash", type = "warehouse", canShip = true, canReceive = true })).IsSuccessStatusCode);
            foreach (var sku in Skus)
            {
                Assert.True((await admin.PutAsJsonAsync($"/api/v1/products/{sku}", new { name = sku, type = "FINISHED", baseUnit = "piece", costingMethod = "FIFO" })).IsSuccessStatusCode);
                Assert.True((await admin.PostAsJsonAsync($"/api/v1/stock/CRASH/{sku}/receipts", new { quantity = Stock, unitCost = 2.5m })).IsSuccessStatusCode);
            }

            // A flood of carts; the process is killed once some have been acknowledged, while others are in flight.
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 24).Select(worker => Task.Run(async () =>
            {
                var random = new Random(worker);
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var id = $"crash-{worker}-{n}";
                    var quantities = Skus.Select(_ => random.Next(0, 3)).ToArray();
                    if (quantities.All(q => q == 0)) quantities[random.Next(Skus.Length)] = 1;
                    var lines = Skus.Select((sku, i) => new { sku, warehouse = "CRASH", quantity = quantities[i] }).Where(l => l.quantity > 0).ToArray();
                    try
                    {
                        using var response = await sales.PostAsJsonAsync("/api/v1/reservations",
                            new { reservationId = id, lines, ttlSeconds = 3600 }, stop.Token);
                        if (response.StatusCode == HttpStatusCode.Created) acknowledged[id] = quantities;
                        else if (response.StatusCode == HttpStatusCode.Conflict) refused[id] = quantities;
                        else unknown[id] = quantities;
                    }
                    catch (Exception)
                    {
                        unknown[id] = quantities; // in flight when the process died: may or may not have happened
                        if (stop.IsCancellationRequested) return;
                        await Task.Delay(20);
                    }
                }
            })).ToArray();

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count + refused.Count < 250 && DateTime.UtcNow < deadline)
                await Task.Delay(10);
            first.Kill(); // SIGKILL on Linux: no shutdown code runs
            await first.WaitForExitAsync();
            await Task.Delay(300);
            stop.Cancel();
            await Task.WhenAll(workers);
        }
        finally
        {
            if (!first.HasExited) first.Kill();
        }

        output.WriteLine($"before the kill: {acknowledged.Count} acknowledged, {refused.Count} refused, {unknown.Count} without an answer");
        Assert.True(acknowledged.Count >= 50, $"only {acknowledged.Count} reservations acknowledged before the kill");

        var second = child.Start();
        try
        {
            await ChildServer.WaitUntilLive(admin, second);
            await ChildServer.WaitUntilNoneInFlight(connectionString);

            // Every acknowledged reservation is there, active, with its lines.
            foreach (var id in acknowledged.Keys)
            {
                using var response = await admin.GetAsync($"/api/v1/reservations/{id}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"acknowledged reservation {id} is missing: {response.StatusCode}");
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("active", body.GetProperty("status").GetString());
            }

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var statuses = await Statuses(connection);
            output.WriteLine($"after the restart: {statuses.Count(s => s.Value == "active")} active, {statuses.Count(s => s.Value == "failed")} failed, " +
                $"{unknown.Keys.Count(id => statuses.GetValueOrDefault(id) == "active")} of the unanswered took effect");
            // A refused cart is recorded as refused (so a retry gets the same answer) and holds nothing; an acknowledged
            // one is active; nothing is left between two states.
            Assert.All(refused.Keys, id => Assert.Equal("failed", statuses.GetValueOrDefault(id)));
            Assert.All(acknowledged.Keys, id => Assert.Equal("active", statuses.GetValueOrDefault(id)));
            Assert.All(statuses.Values, s => Assert.Contains(s, new[] { "active", "failed" }));
            Assert.Equal(0L, await Scalar(connection, "SELECT count(*) FROM reservation_pending_lines")); // every cart in flight was settled
            Assert.True(statuses.Keys.All(id => acknowledged.ContainsKey(id) || refused.ContainsKey(id) || unknown.ContainsKey(id)),
                "a reservation nobody sent");

            // A request that got no answer happened wholly or not at all: sent again under the same id, it gets the answer
            // its stored record says (201 for an active one, 409 for a refused one), or, when nothing was stored, it
            // happens now and its record then says what the answer said.
            var all = acknowledged.Concat(refused).Concat(unknown).ToDictionary(kv => kv.Key, kv => kv.Value);
            foreach (var id in acknowledged.Keys.Concat(refused.Keys).Concat(unknown.Keys))
            {
                var before = statuses.GetValueOrDefault(id);
                var lines = Skus.Select((sku, i) => new { sku, warehouse = "CRASH", quantity = all[id][i] }).Where(l => l.quantity > 0).ToArray();
                using var again = await sales.PostAsJsonAsync("/api/v1/reservations", new { reservationId = id, lines, ttlSeconds = 3600 });
                var expected = before switch
                {
                    "active" => HttpStatusCode.Created,
                    "failed" => HttpStatusCode.Conflict,
                    _ => again.StatusCode,
                };
                Assert.True(again.StatusCode == expected, $"{id} was {before ?? "absent"}; sent again it answered {again.StatusCode}");
                Assert.Contains(again.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict });
                var body = await again.Content.ReadFromJsonAsync<JsonElement>();
                // Refused before the kill: the same refusal. A cart recovery rolled back (it crashed between its lines)
                // was never refused for stock: it answers that it failed.
                if (again.StatusCode == HttpStatusCode.Conflict)
                    Assert.Contains(body.GetProperty("code").GetString(), refused.ContainsKey(id) || before is null
                        ? new[] { "INSUFFICIENT_STOCK" }
                        : new[] { "INSUFFICIENT_STOCK", "RESERVATION_NOT_ACTIVE" });
            }
            statuses = await Statuses(connection);
            Assert.Equal(all.Keys.Order(), statuses.Keys.Order());

            // The stock held is exactly the active reservations' lines.
            var active = statuses.Where(s => s.Value == "active").Select(s => s.Key).ToHashSet();
            var positions = await Positions(connection);
            for (var i = 0; i < Skus.Length; i++)
            {
                var (onHand, reserved) = positions[Skus[i]];
                Assert.Equal(Stock, onHand);
                Assert.Equal(active.Sum(id => (decimal)all[id][i]), reserved);
                Assert.True(reserved <= onHand, $"{Skus[i]} oversold: {reserved} reserved of {onHand}");
            }

            // Snapshots equal the fold of the ledger.
            using var reconcile = await admin.PostAsync("/api/v1/admin/reconcile", null);
            var report = await reconcile.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(reconcile.IsSuccessStatusCode, report.ToString());
            Assert.Equal(0, report.GetProperty("differences").GetArrayLength());
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }
    }

    private static async Task<long> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<Dictionary<string, string>> Statuses(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT id, status FROM reservations WHERE id LIKE 'crash-%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new Dictionary<string, string>();
        while (await reader.ReadAsync()) statuses[reader.GetString(0)] = reader.GetString(1);
        return statuses;
    }

    private static async Task<Dictionary<string, (decimal OnHand, decimal Reserved)>> Positions(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT sku, on_hand, reserved FROM stock_positions WHERE warehouse = 'CRASH'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var positions = new Dictionary<string, (decimal, decimal)>();
        while (await reader.ReadAsync()) positions[reader.GetString(0)] = (reader.GetDecimal(1), reader.GetDecimal(2));
        return positions;
    }
}
