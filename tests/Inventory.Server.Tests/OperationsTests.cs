using System.Text.Json;
using Inventory.TestSupport;

namespace Inventory.Server.Tests;

/// <summary>Health, metrics and the OpenAPI document are served without a token.</summary>
[Collection(ServerCollection.Name)]
public sealed class OperationsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private async Task<PrometheusScrape> Scrape()
    {
        var reply = await Server.Anonymous.Get("/metrics");
        Assert.Equal(200, reply.Code);
        Assert.Equal("text/plain", reply.ContentType);
        return PrometheusScrape.Parse(reply.Text);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthIsServedAsJson(string path)
    {
        var reply = (await Server.Anonymous.Get(path)).Ok();

        Assert.Equal("healthy", reply.String("status"));
        Assert.True(reply["live"].GetBoolean());
        Assert.True(reply["ready"].GetBoolean());
    }

    [Fact]
    public async Task TheFullHealthReportIncludesTheDatabase()
    {
        var reply = (await Server.Anonymous.Get("/health")).Ok();

        Assert.Equal("healthy", reply["checks"].GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task MetricsAreScrapedInPrometheusTextAfterACheckout()
    {
        await Setup.Stocked(Server, "OP-MAIN", "OP-SKU", 10);
        (await Server.As("manager").Put("/api/v1/stock/OP-MAIN/OP-SKU/policy", new { reorderPoint = 50 })).Ok();
        var before = await Scrape();

        await Server.As("sales_staff").Post("/api/v1/reservations", new { lines = new[] { new { sku = "OP-SKU", warehouse = "OP-MAIN", quantity = 1 } } });
        await Server.As("sales_staff").Post("/api/v1/reservations", new { lines = new[] { new { sku = "OP-SKU", warehouse = "OP-MAIN", quantity = 100 } } });

        // Movements are counted from the committed batches, which reach the counter asynchronously; the database gauges
        // are read at most once a second; the exporter may answer from its short response cache.
        const string reserved = "inventory_movement_type=reserved";
        PrometheusScrape after = before;
        await Eventually.TrueAsync(async () =>
        {
            after = await Scrape();
            return after.Sum("inventory_stock_movements_total", reserved) > before.Sum("inventory_stock_movements_total", reserved)
                && after.Sum("inventory_reservations_active") >= 1 && after.Sum("inventory_positions_low_stock") >= 1;
        }, "the reservation's movement is counted and the database gauges show the reservation and the low stock");

        // The service's own instruments.
        Assert.Equal("counter", after.Types["inventory_reservations_total"]);
        Assert.True(after.Sum("inventory_reservations_total", "outcome=created") > before.Sum("inventory_reservations_total", "outcome=created"));
        Assert.True(after.Sum("inventory_reservations_total", "outcome=refused") > before.Sum("inventory_reservations_total", "outcome=refused"));
        Assert.True(after.Sum("inventory_refusals_total", "error_type=INSUFFICIENT_STOCK", "http_response_status_code=409")
            > before.Sum("inventory_refusals_total", "error_type=INSUFFICIENT_STOCK", "http_response_status_code=409"));
        Assert.True(after.Sum("inventory_position_commits_total") > before.Sum("inventory_position_commits_total"));
        Assert.Equal("histogram", after.Types["inventory_position_commit_duration_seconds"]);
        Assert.True(after.Sum("inventory_position_commit_duration_seconds_count") > before.Sum("inventory_position_commit_duration_seconds_count"));
        Assert.True(after.Sum("inventory_position_commit_entries_sum") > before.Sum("inventory_position_commit_entries_sum"));
        Assert.True(after.Has("inventory_position_commit_waiting"));
        Assert.Equal(1, after.Sum("inventory_database_up"));

        // ASP.NET Core's request duration by route template (not by path), the runtime, Npgsql and Orleans.
        const string route = "http_route=/api/v1/reservations/";
        Assert.True(after.Sum("http_server_request_duration_seconds_count", "http_request_method=POST", route, "http_response_status_code=201")
            > before.Sum("http_server_request_duration_seconds_count", "http_request_method=POST", route, "http_response_status_code=201"));
        Assert.True(after.Sum("http_server_request_duration_seconds_count", "http_request_method=POST", route, "http_response_status_code=409")
            > before.Sum("http_server_request_duration_seconds_count", "http_request_method=POST", route, "http_response_status_code=409"));
        Assert.True(after.Sum("dotnet_process_cpu_time_seconds_total") > 0);
        Assert.True(after.Sum("db_client_operation_duration_seconds_count") > 0);
        Assert.True(after.Sum("orleans_catalog_activations") > 0);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApi()
    {
        var reply = (await Server.Anonymous.Get("/openapi/v1.json")).Ok();

        var paths = reply["paths"];
        foreach (var path in new[]
        {
            "/api/v1/reservations", "/api/v1/reservations/{id}/commit", "/api/v1/stock/{warehouse}/{sku}/receipts",
            "/api/v1/warehouses/{code}", "/api/v1/products/{sku}", "/api/v1/transfers", "/api/v1/reports/valuation",
            "/api/v1/admin/reconcile",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _) || paths.TryGetProperty(path + "/", out _), $"{path} missing from {string.Join(", ", paths.EnumerateObject().Select(p => p.Name))}");
        }

        Assert.Equal(JsonValueKind.Object, reply["info"].ValueKind);
    }
}
