using System.Diagnostics;
using System.Text.Json;
using Inventory.TestSupport;
using Inventory.Tokens;
using Xunit.Abstractions;

namespace Inventory.Events.Tests.Hub;

/// <summary>The SignalR hub against the real server and PostgreSQL, through a real WebSocket.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StockHubTests(PostgresFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync(await fixture.CreateMigratedDatabaseAsync());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_sku_subscriber_receives_the_level_change_of_each_http_reservation()
    {
        await _server.StockedAsync("WH1", "HUB-1", 10);
        await using var watcher = await _server.HubAsync("viewer");
        await using var bystander = await _server.HubAsync("viewer");
        Assert.Equal("sku:HUB-1", (await watcher.InvokeAsync("SubscribeSku", "HUB-1")).GetString());
        await bystander.InvokeAsync("SubscribeSku", "OTHER");
        using var sales = _server.As("sales_staff");

        var latencies = new List<double>();
        for (var round = 1; round <= 5; round++)
        {
            var started = Stopwatch.GetTimestamp();
            var (status, body) = await LiveServer.SendAsync(sales, HttpMethod.Post, "/api/v1/reservations",
                new { lines = new[] { new { sku = "HUB-1", warehouse = "WH1", quantity = 1 } }, ttlSeconds = 600 });
            var answered = Stopwatch.GetTimestamp();
            Assert.Equal(201, status);

            var level = await watcher.WaitForAsync("Stock", e => Type(e) == "level.changed" && e.GetProperty("reserved").GetDecimal() == round, Generous);
            Assert.NotNull(level);
            var latency = Stopwatch.GetElapsedTime(started, level.ArrivedAt).TotalMilliseconds;
            latencies.Add(latency);
            output.WriteLine($"round {round}: HTTP answered after {Stopwatch.GetElapsedTime(started, answered).TotalMilliseconds:F1} ms, " +
                             $"level.changed arrived after {latency:F1} ms (reservation {body.GetProperty("reservationId").GetString()})");
            var e = level.Arguments[0];
            Assert.Equal(("WH1", "HUB-1", 10m - round), (e.GetProperty("warehouse").GetString(), e.GetProperty("sku").GetString(), e.GetProperty("available").GetDecimal()));
            Assert.True(e.GetProperty("ledgerSeq").GetInt64() > 0);
        }

        latencies.Sort();
        var summary = $"hub latency (HTTP request start -> level.changed on the WebSocket) over {latencies.Count} reservations: " +
                      $"median {latencies[latencies.Count / 2]:F1} ms, max {latencies[^1]:F1} ms";
        output.WriteLine(summary);
        Console.WriteLine(summary);

        // Every round's event had been sent to its group before the watcher got it: had the bystander been in that
        // group, the server would have written to it then, before answering this round trip.
        await bystander.RoundTripAsync();
        Assert.Empty(bystander.Drain());
    }

    [Fact]
    public async Task An_unsubscribed_client_receives_nothing()
    {
        await _server.StockedAsync("WH1", "HUB-2", 10);
        await using var client = await _server.HubAsync("manager");
        await using var never = await _server.HubAsync("manager"); // connected, subscribed to nothing
        await using var witness = await _server.HubAsync("manager");
        await witness.InvokeAsync("SubscribeSku", "HUB-2");
        await client.InvokeAsync("SubscribeSku", "HUB-2");
        await client.InvokeAsync("SubscribeWarehouse", "WH1");
        using var admin = _server.As("admin");
        await LiveServer.SendAsync(admin, HttpMethod.Post, "/api/v1/stock/WH1/HUB-2/receipts", new { quantity = 1, unitCost = 1 });
        Assert.NotNull(await client.WaitForAsync("Stock", e => Type(e) == "level.changed" && e.GetProperty("onHand").GetDecimal() == 11, Generous));

        await client.InvokeAsync("UnsubscribeSku", "HUB-2");
        await client.InvokeAsync("UnsubscribeWarehouse", "WH1"); // what was sent while subscribed arrived before this answer
        client.Drain();
        await LiveServer.SendAsync(admin, HttpMethod.Post, "/api/v1/stock/WH1/HUB-2/receipts", new { quantity = 5, unitCost = 1 });

        // The witness still subscribes: once it has the event, the server has sent it to everyone in the group, so a
        // round trip on the others' connections comes back after anything they were sent.
        Assert.NotNull(await witness.WaitForAsync("Stock", e => Type(e) == "level.changed" && e.GetProperty("onHand").GetDecimal() == 16, Generous));
        await client.RoundTripAsync();
        await never.RoundTripAsync();
        Assert.Empty(client.Drain());
        Assert.Empty(never.Drain());
    }

    [Fact]
    public async Task A_client_without_a_valid_token_is_refused()
    {
        var missing = await Assert.ThrowsAsync<HubRefusedException>(() => _server.HubAsync(null));
        Assert.Equal(401, missing.Status);
        var forged = await Assert.ThrowsAsync<HubRefusedException>(() =>
            HubClient.ConnectAsync(_server.Address, "/hubs/stock", new Forger().Token()));
        Assert.Equal(401, forged.Status);

        // Straight to the WebSocket without negotiating (SignalR's skipNegotiation) is refused too.
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var ws = new UriBuilder(_server.Address) { Scheme = "ws", Path = "/hubs/stock" }.Uri;
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => socket.ConnectAsync(ws, CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task A_viewer_sees_levels_without_costs_and_a_manager_sees_costs()
    {
        await _server.StockedAsync("WH2", "HUB-3", 0);
        await using var viewer = await _server.HubAsync("viewer");
        await using var manager = await _server.HubAsync("manager");
        await viewer.InvokeAsync("SubscribeWarehouse", "WH2");
        await manager.InvokeAsync("SubscribeWarehouse", "WH2");

        using var admin = _server.As("admin");
        await LiveServer.SendAsync(admin, HttpMethod.Post, "/api/v1/stock/WH2/HUB-3/receipts", new { quantity = 4, unitCost = 2.5 });

        var seen = await viewer.WaitForAsync("Stock", e => Type(e) == "stock.received", Generous);
        var full = await manager.WaitForAsync("Stock", e => Type(e) == "stock.received", Generous);
        Assert.NotNull(seen);
        Assert.NotNull(full);
        Assert.Equal(4m, seen.Arguments[0].GetProperty("onHand").GetDecimal());
        Assert.Equal(JsonValueKind.Null, seen.Arguments[0].GetProperty("unitCost").ValueKind);
        Assert.Equal(JsonValueKind.Null, seen.Arguments[0].GetProperty("totalCost").ValueKind);
        Assert.Equal(2.5m, full.Arguments[0].GetProperty("unitCost").GetDecimal());
        Assert.Equal(10m, full.Arguments[0].GetProperty("totalCost").GetDecimal());
    }

    [Fact]
    public async Task A_policy_change_raises_and_resolves_alerts_at_once_without_a_stock_movement()
    {
        await _server.StockedAsync("WH3", "HUB-5", 20);
        await using var alerts = await _server.HubAsync("viewer");
        await alerts.InvokeAsync("SubscribeAlerts");
        using var manager = _server.As("manager");

        await LiveServer.SendAsync(manager, HttpMethod.Put, "/api/v1/stock/WH3/HUB-5/policy", new { reorderPoint = 25, reorderQuantity = 30 });
        var raised = await alerts.WaitForAsync("Alert", e => Type(e) == "alert.raised"
            && e.GetProperty("alert").GetProperty("sku").GetString() == "HUB-5", Generous);
        Assert.NotNull(raised);
        Assert.Equal("low_stock", raised.Arguments[0].GetProperty("alert").GetProperty("kind").GetString());

        await LiveServer.SendAsync(manager, HttpMethod.Put, "/api/v1/stock/WH3/HUB-5/policy", new { reorderPoint = 5, reorderQuantity = 30 });
        Assert.NotNull(await alerts.WaitForAsync("Alert", e => Type(e) == "alert.resolved"
            && e.GetProperty("alert").GetProperty("sku").GetString() == "HUB-5", Generous));
    }

    [Fact]
    public async Task Alert_subscribers_see_alerts_raised_acknowledged_and_resolved_and_the_api_lists_and_acknowledges_them()
    {
        await _server.StockedAsync("WH3", "HUB-4", 20);
        using var manager = _server.As("manager");
        await LiveServer.SendAsync(manager, HttpMethod.Put, "/api/v1/stock/WH3/HUB-4/policy", new { reorderPoint = 10, reorderQuantity = 30 });
        await using var alerts = await _server.HubAsync("viewer");
        await alerts.InvokeAsync("SubscribeAlerts");
        await using var stockOnly = await _server.HubAsync("viewer");
        await stockOnly.InvokeAsync("SubscribeSku", "NOT-HUB-4");

        using var sales = _server.As("sales_staff");
        await LiveServer.SendAsync(sales, HttpMethod.Post, "/api/v1/reservations",
            new { reservationId = "hub-4-r1", lines = new[] { new { sku = "HUB-4", warehouse = "WH3", quantity = 15 } } });

        var raised = await alerts.WaitForAsync("Alert", e => Type(e) == "alert.raised", Generous);
        Assert.NotNull(raised);
        var alert = raised.Arguments[0].GetProperty("alert");
        Assert.Equal(("low_stock", "warning", "WH3", "HUB-4"), (alert.GetProperty("kind").GetString(), alert.GetProperty("severity").GetString(),
            alert.GetProperty("warehouse").GetString(), alert.GetProperty("sku").GetString()));
        var suggestion = alert.GetProperty("details").GetProperty("suggestion");
        Assert.Equal((30m, 4, "Acme Supply"), (suggestion.GetProperty("quantity").GetDecimal(), suggestion.GetProperty("leadTimeDays").GetInt32(),
            suggestion.GetProperty("preferredSupplier").GetString()));
        var id = alert.GetProperty("id").GetInt64();

        using var viewer = _server.As("viewer");
        var (listed, list) = await LiveServer.SendAsync(viewer, HttpMethod.Get, "/api/v1/alerts?status=open&warehouse=WH3&kind=low_stock");
        Assert.Equal(200, listed);
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(400, (await LiveServer.SendAsync(viewer, HttpMethod.Get, "/api/v1/alerts?status=bogus", ensureSuccess: false)).Status);

        var (forbidden, problem) = await LiveServer.SendAsync(viewer, HttpMethod.Post, $"/api/v1/alerts/{id}/acknowledge", new { note = "seen" }, ensureSuccess: false);
        Assert.Equal((403, "FORBIDDEN"), (forbidden, problem.GetProperty("code").GetString()));
        var (acked, body) = await LiveServer.SendAsync(manager, HttpMethod.Post, $"/api/v1/alerts/{id}/acknowledge", new { note = "PO 4711 sent" });
        Assert.Equal(200, acked);
        Assert.Equal(("acknowledged", "manager-user", "PO 4711 sent"), (body.GetProperty("status").GetString(),
            body.GetProperty("acknowledgedBy").GetString(), body.GetProperty("note").GetString()));
        Assert.NotNull(await alerts.WaitForAsync("Alert", e => Type(e) == "alert.acknowledged", Generous));

        await LiveServer.SendAsync(sales, HttpMethod.Post, "/api/v1/reservations/hub-4-r1/release");
        Assert.NotNull(await alerts.WaitForAsync("Alert", e => Type(e) == "alert.resolved" && e.GetProperty("alert").GetProperty("id").GetInt64() == id, Generous));
        var (conflict, resolvedProblem) = await LiveServer.SendAsync(manager, HttpMethod.Post, $"/api/v1/alerts/{id}/acknowledge", new { note = "late" }, ensureSuccess: false);
        Assert.Equal((409, "ALERT_RESOLVED"), (conflict, resolvedProblem.GetProperty("code").GetString()));
        var (missing, missingProblem) = await LiveServer.SendAsync(manager, HttpMethod.Post, "/api/v1/alerts/987654/acknowledge", new { note = "x" }, ensureSuccess: false);
        Assert.Equal((404, "ALERT_NOT_FOUND"), (missing, missingProblem.GetProperty("code").GetString()));

        Assert.DoesNotContain(stockOnly.Drain(), m => m.Target == "Alert");
    }

    [Fact]
    public async Task Metrics_subscribers_get_the_current_figures_and_then_updates()
    {
        await _server.StockedAsync("WH4", "HUB-5", 0);
        await using var client = await _server.HubAsync("viewer");
        var initial = await client.InvokeAsync("SubscribeMetrics");
        Assert.Equal(60, initial.GetProperty("perMinute").GetArrayLength());

        // Earlier tests on this server may have moved stock, and an update about them may still be on its way: wait
        // for the one that counts this receipt (in whichever minute it fell).
        var receivedBefore = Received(initial);
        using var admin = _server.As("admin");
        await LiveServer.SendAsync(admin, HttpMethod.Post, "/api/v1/stock/WH4/HUB-5/receipts", new { quantity = 3, unitCost = 1 });
        var update = await client.WaitForAsync("Metrics", m => Received(m) > receivedBefore, Generous);
        Assert.NotNull(update);
        Assert.True(update.Arguments[0].GetProperty("lastHour").GetInt64() >= 1);
    }

    private static long Received(JsonElement metrics) => metrics.GetProperty("perMinute").EnumerateArray()
        .Sum(point => point.GetProperty("counts").TryGetProperty("received", out var count) ? count.GetInt64() : 0);

    [Fact]
    public async Task The_dashboard_page_and_the_vendored_signalr_client_are_served_without_a_token()
    {
        using var anonymous = new HttpClient { BaseAddress = _server.Address };
        var page = await anonymous.GetAsync("/dashboard/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("signalr.min.js", await page.Content.ReadAsStringAsync());
        var script = await anonymous.GetStringAsync("/dashboard/signalr.min.js");
        Assert.StartsWith("/*! @microsoft/signalr", script);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await anonymous.GetAsync("/dashboard/nothing.js")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/dashboard/reservations")).StatusCode);
    }

    private static string? Type(JsonElement e) => e.GetProperty("type").GetString();

    /// <summary>A well-formed HS256 token signed with a key the server does not know.</summary>
    private sealed class Forger
    {
        public string Token() => new TokenService(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
            .Issue("mallory", ["admin"], TimeSpan.FromHours(1));
    }
}
