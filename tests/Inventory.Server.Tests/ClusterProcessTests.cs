using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Inventory.Postgres.Embedded;
using Inventory.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using Xunit.Abstractions;

namespace Inventory.Server.Tests;

/// <summary>
/// Three server processes on loopback, one PostgreSQL, Orleans' ADO.NET membership on the tables of migration 0040:
/// checkouts go to all three; one is killed with SIGKILL under load; the survivors keep serving (the test prints how
/// long until every position served again and until the dead node was declared dead); every acknowledged change
/// survives and reconcile agrees; the killed node restarts and rejoins. Catalog changes made through one node reach
/// the others, and a SignalR client of one node sees a change served by another.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ClusterProcessTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Active = 3, Dead = 6; // Orleans' SiloStatus values in the membership table

    [Fact]
    public async Task Three_nodes_share_the_checkouts_and_the_survivors_serve_everything_after_one_is_killed()
    {
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var connectionString = await postgres.Server.EnsureDatabaseAsync("cluster_" + suffix);
        var clusterId = "test-" + suffix;
        var key = RandomNumberGenerator.GetBytes(32);
        var siloPorts = Enumerable.Range(0, 3).Select(_ => FreePort.Next()).ToArray();
        var nodes = Enumerable.Range(0, 3).Select(i => new ChildServer(connectionString, $"node{i + 1}", new Dictionary<string, string>
        {
            ["Orleans__Clustering__ProviderType"] = "AdoNet",
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__Endpoints__SiloPort"] = siloPorts[i].ToString(CultureInfo.InvariantCulture),
        }, key)).ToArray();
        var processes = new Process?[nodes.Length];
        var outcomes = new ConcurrentDictionary<string, KillCycleTests.Outcome>();
        try
        {
            // The first node creates the schema; the others join once it is there.
            processes[0] = nodes[0].Start();
            await ChildServer.WaitUntilLive(nodes[0].Admin, processes[0]!);
            for (var i = 1; i < nodes.Length; i++)
            {
                processes[i] = nodes[i].Start();
                await ChildServer.WaitUntilLive(nodes[i].Admin, processes[i]!);
            }
            Assert.Equal(3, await SilosAsync(connectionString, clusterId, Active));

            // The catalog through node 1; each SKU's stock received through another node, so the positions may start
            // on different silos.
            Assert.True((await nodes[0].Admin.PutAsJsonAsync("/api/v1/warehouses/KILL", new { name = "Kill", type = "warehouse", canShip = true, canReceive = true })).IsSuccessStatusCode);
            for (var k = 0; k < KillCycleTests.Skus.Length; k++)
            {
                var sku = KillCycleTests.Skus[k];
                Assert.True((await nodes[0].Admin.PutAsJsonAsync($"/api/v1/products/{sku}", new { name = sku, type = "FINISHED", baseUnit = "piece", costingMethod = "FIFO" })).IsSuccessStatusCode);
                var through = nodes[k % nodes.Length];
                await Until(async () => await NameAsync(through.Admin, $"/api/v1/products/{sku}") == sku && await NameAsync(through.Admin, "/api/v1/warehouses/KILL") == "Kill",
                    $"node {k % nodes.Length + 1} knows {sku}");
                Assert.True((await through.Admin.PostAsJsonAsync($"/api/v1/stock/KILL/{sku}/receipts", new { quantity = KillCycleTests.Stock, unitCost = 2m })).IsSuccessStatusCode);
            }
            output.WriteLine("positions on nodes: " + string.Join(", ", await Task.WhenAll(KillCycleTests.Skus.Select(async sku => $"{sku} {await HostOfAsync(nodes, siloPorts, sku) + 1}"))));

            // A catalog change made through one node reaches the others (PostgreSQL announces it; each node reloads it).
            Assert.True((await nodes[2].Admin.PutAsJsonAsync("/api/v1/products/CLU-NEW",
                new { name = "Made on node 3", type = "FINISHED", baseUnit = "piece", costingMethod = "FIFO" })).IsSuccessStatusCode);
            await Until(async () => (await NameAsync(nodes[1].Admin, "/api/v1/products/CLU-NEW")) == "Made on node 3", "node 2 knows the new product");
            Assert.True((await nodes[1].Admin.PostAsJsonAsync("/api/v1/stock/KILL/CLU-NEW/receipts", new { quantity = 5, unitCost = 1m })).IsSuccessStatusCode);
            Assert.True((await nodes[1].Admin.PutAsJsonAsync("/api/v1/products/CLU-NEW",
                new { name = "Renamed on node 2", type = "FINISHED", baseUnit = "piece", costingMethod = "FIFO" })).IsSuccessStatusCode);
            await Until(async () => (await NameAsync(nodes[0].Admin, "/api/v1/products/CLU-NEW")) == "Renamed on node 2", "node 1 sees the change");
            Assert.True((await nodes[0].Admin.PutAsJsonAsync("/api/v1/warehouses/CLU-W2",
                new { name = "Made on node 1", type = "warehouse", canShip = true, canReceive = true })).IsSuccessStatusCode);
            await Until(async () => (await NameAsync(nodes[2].Admin, "/api/v1/warehouses/CLU-W2")) == "Made on node 1", "node 3 knows the new warehouse");

            // A SignalR client of node 3 sees the level change of a reservation served by node 2 (the ledger queue
            // that reads the position sends its events to every node).
            await using (var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(nodes[2].Admin.BaseAddress!, "/hubs/stock"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(nodes[2].AdminToken))
                .Build())
            {
                var levels = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
                hub.On<JsonElement>("Stock", e => levels.Writer.TryWrite(e));
                await hub.StartAsync();
                await hub.InvokeAsync<string>("SubscribeSku", KillCycleTests.Skus[1]);
                Assert.True(await ProbeAsync(nodes[1].Sales, "c9-wprobe-hub", outcomes), "node 2 holds a cart");
                using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                JsonElement level;
                do level = await levels.Reader.ReadAsync(wait.Token);
                while (!(level.GetProperty("type").GetString() == "level.changed" && level.GetProperty("reserved").GetDecimal() == 1m));
            }

            // An alert is raised once per cluster (the position's alert grain, fed by the one queue that reads the
            // position) and reaches the hub of every node (the live feed).
            Assert.True((await nodes[0].Admin.PutAsJsonAsync("/api/v1/stock/KILL/CLU-NEW/policy", new { reorderPoint = 3, reorderQuantity = 10 })).IsSuccessStatusCode);
            var alertHubs = await Task.WhenAll(nodes.Select(async node =>
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(node.Admin.BaseAddress!, "/hubs/stock"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(node.AdminToken))
                    .Build();
                var raised = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
                connection.On<JsonElement>("Alert", e =>
                {
                    if (e.GetProperty("type").GetString() == "alert.raised" && e.GetProperty("alert").GetProperty("sku").GetString() == "CLU-NEW")
                        raised.Writer.TryWrite(e);
                });
                await connection.StartAsync();
                await connection.InvokeAsync<string>("SubscribeAlerts");
                return (Connection: connection, Raised: raised.Reader);
            }));
            try
            {
                var lowStock = await nodes[2].Sales.PostAsJsonAsync("/api/v1/reservations",
                    new { reservationId = "c9-alert-once", lines = new[] { new { sku = "CLU-NEW", warehouse = "KILL", quantity = 4 } } });
                Assert.Equal(HttpStatusCode.Created, lowStock.StatusCode);
                using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                var ids = new List<long>();
                foreach (var hub in alertHubs)
                    ids.Add((await hub.Raised.ReadAsync(wait.Token)).GetProperty("alert").GetProperty("id").GetInt64());
                // A second raise (another node evaluating too, or the feed delivering twice) would have been sent by the
                // time every queue has delivered the reservation's batch to every consumer; a round trip on each hub
                // connection then comes back after anything it was sent.
                await DeliveredThroughAsync(connectionString, await CountAsync(connectionString, "SELECT max(seq) FROM stock_ledger WHERE sku = 'CLU-NEW'"));
                foreach (var hub in alertHubs)
                    await hub.Connection.InvokeAsync<string>("UnsubscribeMetrics");
                Assert.All(alertHubs, hub => Assert.False(hub.Raised.TryRead(out _), "an alert reached a hub twice"));
                Assert.Single(ids.Distinct());
                Assert.Equal(1, await CountAsync(connectionString, "SELECT count(*) FROM alerts WHERE sku = 'CLU-NEW'"));
            }
            finally
            {
                foreach (var hub in alertHubs) await hub.Connection.DisposeAsync();
            }

            // A flood over all three nodes.
            using var stop = new CancellationTokenSource();
            var created = new int[nodes.Length];
            var workers = Enumerable.Range(0, 12).Select(w => Task.Run(() => KillCycleTests.Checkouts(nodes[w % 3].Sales, $"c1-w{w}",
                new Random(w), outcomes, r => { if (r?.StatusCode == HttpStatusCode.Created) Interlocked.Increment(ref created[w % 3]); },
                stop.Token))).ToArray();
            await Until(() => created.All(c => c >= 20), "every node acknowledged checkouts");

            // SIGKILL, under load, the node whose silo holds the first SKU's position (each node's admin API lists the
            // positions active in its own silo).
            var victim = -1;
            await Until(async () => (victim = await HostOfAsync(nodes, siloPorts, KillCycleTests.Skus[0])) >= 0, "a node hosts the busy position");
            var survivors = Enumerable.Range(0, nodes.Length).Where(i => i != victim).ToArray();
            output.WriteLine($"killing node {victim + 1}, which hosts KILL/{KillCycleTests.Skus[0]}");
            processes[victim]!.Kill();
            var sinceKill = Stopwatch.StartNew();
            await processes[victim]!.WaitForExitAsync();

            // Every position serves again through both survivors: a cart over all three SKUs held through each.
            var probe = 0;
            TimeSpan? declaredDead = null;
            while (true)
            {
                declaredDead ??= await SilosAsync(connectionString, clusterId, Dead) == 1 ? sinceKill.Elapsed : null;
                var held = 0;
                foreach (var survivor in survivors)
                {
                    if (await ProbeAsync(nodes[survivor].Sales, $"c9-wprobe-{probe++}", outcomes)) held++;
                }
                if (held == survivors.Length) break;
                Assert.True(sinceKill.Elapsed < TimeSpan.FromMinutes(3), "the survivors did not serve every position again");
                await Task.Delay(200);
            }
            var servedAgain = sinceKill.Elapsed;
            await Until(async () => (declaredDead ??= await SilosAsync(connectionString, clusterId, Dead) == 1 ? sinceKill.Elapsed : null) is not null,
                "the killed node is declared dead");
            output.WriteLine($"SIGKILL of one of 3 nodes: every position served again through both survivors after {servedAgain.TotalSeconds:0.0} s; " +
                $"the node declared dead in the membership table after {declaredDead!.Value.TotalSeconds:0.0} s");

            // The survivors go on serving, the busy position now from one of them.
            int Survived() => survivors.Sum(i => Volatile.Read(ref created[i]));
            var before = Survived();
            await Until(() => Survived() >= before + 40, "the survivors keep acknowledging checkouts");
            Assert.True(await HostOfAsync(nodes, siloPorts, KillCycleTests.Skus[0]) is var host && survivors.Contains(host),
                "the busy position is active on a survivor");
            stop.Cancel();
            await Task.WhenAll(workers);

            // Every ledger queue is read again, the killed node's by a survivor: each queue's checkpoint passes the end
            // of the ledger.
            await DeliveredThroughAsync(connectionString, await CountAsync(connectionString, "SELECT max(seq) FROM stock_ledger"));

            // Nothing acknowledged is lost, nothing half-done is left, and reconcile agrees.
            await ChildServer.WaitUntilNoneInFlight(connectionString);
            await KillCycleTests.VerifyAsync(nodes[survivors[0]].Admin, connectionString, outcomes);

            // The killed node comes back and rejoins (a new generation of it).
            processes[victim] = nodes[victim].Start();
            await ChildServer.WaitUntilLive(nodes[victim].Admin, processes[victim]!);
            await Until(async () => await SilosAsync(connectionString, clusterId, Active) == 3, "the restarted node is active again");
            Assert.True(await ProbeAsync(nodes[victim].Sales, "c9-wprobe-rejoined", outcomes), "the rejoined node serves checkouts");
        }
        finally
        {
            foreach (var process in processes)
            {
                if (process is null) continue;
                if (!process.HasExited) process.Kill();
                await process.WaitForExitAsync();
            }
            foreach (var node in nodes) node.Dispose();
        }
    }

    /// <summary>One cart of one unit of every SKU, recorded like the flood's, so the final check counts it.</summary>
    private static async Task<bool> ProbeAsync(HttpClient sales, string id, ConcurrentDictionary<string, KillCycleTests.Outcome> outcomes)
    {
        var outcome = outcomes[id] = new KillCycleTests.Outcome { Quantities = [.. KillCycleTests.Skus.Select(_ => 1)] };
        try
        {
            using var response = await sales.PostAsJsonAsync("/api/v1/reservations",
                new { reservationId = id, lines = KillCycleTests.Skus.Select(sku => new { sku, warehouse = "KILL", quantity = 1 }), ttlSeconds = 7200 });
            outcome.CreateAcknowledged = response.StatusCode == HttpStatusCode.Created;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
        }
        return outcome.CreateAcknowledged;
    }

    private static async Task<string?> NameAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString() : null;
    }

    /// <summary>
    /// The index of the node whose silo runs the position's activation, as any live node's admin API tells it (Orleans'
    /// grain directory, silo addresses "S127.0.0.1:port:generation"), or -1.
    /// </summary>
    private static async Task<int> HostOfAsync(ChildServer[] nodes, int[] siloPorts, string sku)
    {
        foreach (var node in nodes)
        {
            try
            {
                var detail = await node.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/positions/KILL/{sku}");
                if (detail.TryGetProperty("silo", out var silo) && silo.GetString() is { } address)
                    return Array.IndexOf(siloPorts, int.Parse(address.Split(':')[1], CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
        }
        return -1;
    }

    private static async Task<int> SilosAsync(string connectionString, string clusterId, int status)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE deployment_id = $1 AND status = $2", connection);
        command.Parameters.AddWithValue(clusterId);
        command.Parameters.AddWithValue(status);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until every ledger queue's checkpoint (4 queues, the default) has passed <paramref name="seq"/>.</summary>
    private static Task DeliveredThroughAsync(string connectionString, long seq) => Until(async () => await CountAsync(connectionString,
            "SELECT CASE WHEN count(*) = 4 THEN min(seq) ELSE -1 END FROM event_checkpoints WHERE starts_with(consumer, 'ledger-stream/4/')") >= seq,
        $"every ledger queue has delivered through seq {seq}");

    private static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    private static Task Until(Func<Task<bool>> condition, string what) => Eventually.TrueAsync(condition, what, TimeSpan.FromMinutes(3));
}
