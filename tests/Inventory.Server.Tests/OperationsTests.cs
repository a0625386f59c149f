using System.Text.Json;

namespace Inventory.Server.Tests;

/// <summary>Health, metrics and the OpenAPI document are served without a token.</summary>
[Collection(ServerCollection.Name)]
public sealed class OperationsTests(ServerFixture fixture)
{
    private InventoryServer Server => fixture.Server;

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
    public async Task MetricsAreInPrometheusTextFormat()
    {
        await Setup.Stocked(Server, "OP-MAIN", "OP-SKU", 10);
        await Server.As("sales_staff").Post("/api/v1/reservations", new { lines = new[] { new { sku = "OP-SKU", warehouse = "OP-MAIN", quantity = 1 } } });
        await Server.As("sales_staff").Post("/api/v1/reservations", new { lines = new[] { new { sku = "OP-SKU", warehouse = "OP-MAIN", quantity = 100 } } });
        (await Server.As("manager").Put("/api/v1/stock/OP-MAIN/OP-SKU/policy", new { reorderPoint = 50 })).Ok();

        // Movements are counted from the committed batches, which reach the counter asynchronously.
        string text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains("inventory_stock_movements_total{type=\"reserved\"}", StringComparison.Ordinal); attempt++)
        {
            var reply = await Server.Anonymous.Get("/metrics");
            Assert.Equal(200, reply.Code);
            Assert.Equal("text/plain", reply.ContentType);
            text = reply.Text;
            await Task.Delay(20);
        }

        Assert.Contains("# TYPE inventory_http_requests_total counter", text);
        Assert.Contains("inventory_http_requests_total{method=\"POST\",route=\"/api/v1/reservations/\",status=\"201\"}", text);
        Assert.Contains("inventory_http_requests_total{method=\"POST\",route=\"/api/v1/reservations/\",status=\"409\"}", text);
        Assert.Contains("# TYPE inventory_http_request_duration_seconds histogram", text);
        Assert.Contains("inventory_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/reservations/\",le=\"+Inf\"}", text);
        Assert.Contains("inventory_reservations_total{outcome=\"created\"}", text);
        Assert.Contains("inventory_reservations_total{outcome=\"refused\"}", text);
        Assert.Contains("inventory_stock_movements_total{type=\"received\"}", text);
        Assert.Contains("inventory_stock_movements_total{type=\"reserved\"}", text);
        Assert.Matches(@"inventory_reservations_active [1-9]\d*\n", text);
        Assert.Matches(@"inventory_positions_low_stock [1-9]\d*\n", text);
        Assert.Contains("inventory_database_up 1", text);
        Assert.Matches(@"inventory_grain_activations [1-9]\d*\n", text);
        Assert.Matches(@"inventory_position_writes_total [1-9]\d*\n", text);
        Assert.Matches(@"inventory_position_write_entries_sum [1-9]\d*\n", text);
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
