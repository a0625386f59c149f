using System.Collections.Concurrent;
using Inventory.Postgres.Embedded;
using Inventory.TestSupport;
using Npgsql;

namespace Inventory.Server.Tests;

/// <summary>
/// Faults the client cannot cause: overload, a bug, a database that went away. A server of its own (a request queue of one per grain,
/// its own PostgreSQL that the test stops), so the shared one is never harmed.
/// </summary>
public sealed class FailureTests : IAsyncLifetime
{
    private EmbeddedPostgres _postgres = null!;
    private TestServer _server = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _postgres = await EmbeddedPostgres.StartTemporaryAsync();
        _connectionString = await _postgres.EnsureDatabaseAsync("failure_tests");
        _server = await TestServer.StartAsync(_connectionString, new Dictionary<string, string?>
        {
            ["Orleans:Messaging:MaxEnqueuedRequestsHardLimit"] = "1",
        });
        await Setup.Stocked(_server, "FX-MAIN", "FX-SKU", 0);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task FaultsAreAnsweredWithRetryableOrInternalCodes()
    {
        // OVERLOADED: with a request queue of one per activation, a burst on one position sheds calls with a retryable 503.
        var staff = _server.As("warehouse_staff");
        var replies = new ConcurrentBag<Reply>();
        for (var round = 0; round < 10 && !replies.Any(r => r.Code == 503); round++)
        {
            foreach (var reply in await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
                Task.Run(() => staff.Post("/api/v1/stock/FX-MAIN/FX-SKU/receipts", new { quantity = 1, unitCost = 1 })))))
                replies.Add(reply);
        }

        var overloaded = replies.First(r => r.Code == 503);
        overloaded.Problem(503, "OVERLOADED");
        Assert.Equal("1", overloaded.Headers["Retry-After"]);
        Assert.All(replies.Where(r => r.Code != 503), r => r.Ok());
        var accepted = replies.Count(r => r.Code == 200);
        Assert.Equal(accepted, (await Setup.Position(_server, "FX-MAIN", "FX-SKU")).Decimal("onHand"));

        // INTERNAL_ERROR: a snapshot that contradicts itself is a bug, answered 500 without details.
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var corrupt = new NpgsqlCommand("""
                INSERT INTO stock_positions (warehouse, sku, version, on_hand, reserved, snapshot)
                VALUES ('FX-BROKEN', 'FX-SKU', 1, 1, 0, '{"warehouse":"FX-BROKEN","sku":"FX-SKU","sequence":1,"costingMethod":0,
                  "policy":{"allowNegative":false,"safetyStock":0},"onHand":1,"reserved":0,"averageUnitCost":1,"lastUnitCost":1,
                  "nextLayerId":1,"layers":[{"id":7,"quantity":1,"unitCost":1,"receivedAt":"2024-01-01T00:00:00Z"}],
                  "reservations":[],"terminalReservationOrder":[],"recentRequests":[]}')
                """, connection);
            await corrupt.ExecuteNonQueryAsync();
        }

        var broken = await _server.As("manager").Get("/api/v1/reports/valuation?warehouse=FX-BROKEN");
        broken.Problem(500, "INTERNAL_ERROR");
        Assert.DoesNotContain("layer", broken.Text, StringComparison.OrdinalIgnoreCase);

        // STORAGE_UNAVAILABLE: the database is gone; nothing is acknowledged and health turns 503.
        await _postgres.StopAsync();
        var unavailable = await staff.Post("/api/v1/stock/FX-MAIN/FX-SKU/receipts", new { quantity = 1, unitCost = 1 });
        unavailable.Problem(503, "STORAGE_UNAVAILABLE");
        Assert.True(unavailable.Headers.ContainsKey("Retry-After"));
        var health = await _server.Anonymous.Get("/health");
        Assert.Equal(503, health.Code);
        Assert.Equal("unhealthy", health["checks"].GetProperty("database").GetProperty("status").GetString());
        Assert.False(health["ready"].GetBoolean());
        Assert.Equal(503, (await _server.Anonymous.Get("/health/ready")).Code);
        Assert.Equal(200, (await _server.Anonymous.Get("/health/live")).Code);
        // The database gauges are read at most once a second, so the scrape that says so may come a moment later.
        await Eventually.TrueAsync(async () => PrometheusScrape.Parse((await _server.Anonymous.Get("/metrics")).Text) is var scrape
            && scrape.Has("inventory_database_up") && scrape.Sum("inventory_database_up") == 0, "/metrics reports the database down");
    }
}
