using System.Text;
using Inventory.TestSupport;

namespace Inventory.Server.Tests;

/// <summary>Bad input of every kind gets a problem with a stable code, and changes nothing.</summary>
[Collection(ServerCollection.Name)]
public sealed class ErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string Wh = "ER-MAIN";
    private const string Sku = "ER-SKU";
    private TestServer Server => fixture.Server;

    private decimal _onHandBefore;

    public async Task InitializeAsync()
    {
        await Setup.Stocked(Server, Wh, Sku, 10);
        _onHandBefore = (await Setup.Position(Server, Wh, Sku)).Decimal("onHand");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"quantity\": \"five\", \"unitCost\": 1}")]
    [InlineData("{\"quantity\": 1, \"unitCost\": 1,}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("")]
    public async Task MalformedJsonIsAValidationFailureAndChangesNothing(string body)
    {
        var reply = await Server.As("warehouse_staff").Send(HttpMethod.Post, $"/api/v1/stock/{Wh}/{Sku}/receipts", body);

        reply.Problem(400, "VALIDATION_FAILED");
        Assert.Equal(_onHandBefore, (await Setup.Position(Server, Wh, Sku)).Decimal("onHand"));
    }

    [Fact]
    public async Task AFieldOfTheWrongTypeIsNamed()
    {
        var reply = await Server.As("warehouse_staff").Send(HttpMethod.Post, $"/api/v1/stock/{Wh}/{Sku}/receipts", "{\"quantity\": \"five\", \"unitCost\": 1}");

        reply.Problem(400, "VALIDATION_FAILED");
        Assert.True(reply["errors"].TryGetProperty("quantity", out _), reply.Text);
    }

    [Fact]
    public async Task AnOversizedBodyIsRefusedAndChangesNothing()
    {
        var padding = new string('x', 1024 * 1024 + 10);
        var body = $"{{\"quantity\": 1, \"unitCost\": 1, \"reference\": \"{padding}\"}}";

        var reply = await Server.As("warehouse_staff").Send(HttpMethod.Post, $"/api/v1/stock/{Wh}/{Sku}/receipts", body);
        var keyed = await Server.As("warehouse_staff").Send(HttpMethod.Post, $"/api/v1/stock/{Wh}/{Sku}/receipts", body, idempotencyKey: "too-big");

        reply.Problem(413, "PAYLOAD_TOO_LARGE");
        keyed.Problem(413, "PAYLOAD_TOO_LARGE");
        Assert.Equal(_onHandBefore, (await Setup.Position(Server, Wh, Sku)).Decimal("onHand"));
    }

    [Fact]
    public async Task ALongReferenceIsRefused()
    {
        var reply = await Server.As("warehouse_staff").Post($"/api/v1/stock/{Wh}/{Sku}/receipts", new { quantity = 1, unitCost = 1, reference = new string('r', 201) });

        reply.Problem(400, "VALIDATION_FAILED");
        Assert.True(reply["errors"].TryGetProperty("reference", out _));
    }

    [Fact]
    public async Task UnknownRoutesMethodsAndMediaTypesHaveCodesToo()
    {
        var admin = Server.As("admin");
        (await admin.Get("/api/v1/nothing-here")).Problem(404, "NOT_FOUND");
        (await admin.Send(HttpMethod.Delete, $"/api/v1/stock/{Wh}/{Sku}")).Problem(405, "METHOD_NOT_ALLOWED");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/stock/{Wh}/{Sku}/receipts")
        {
            Content = new StringContent("quantity=1", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        using var response = await admin.SendAsync(request);
        Assert.Equal(415, (int)response.StatusCode);
        Assert.Contains("UNSUPPORTED_MEDIA_TYPE", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ProblemsCarryTheCorrelationIdWhichIsEchoed()
    {
        var reply = await Server.As("viewer").Get($"/api/v1/stock/{Wh}/ER-NONE", new Dictionary<string, string> { ["X-Correlation-Id"] = "checkout-42" });

        reply.Problem(404, "PRODUCT_NOT_FOUND");
        Assert.Equal("checkout-42", reply.Headers["X-Correlation-Id"]);
        Assert.Equal("checkout-42", reply.String("correlationId"));
        Assert.Equal("urn:inventory:problem:product-not-found", reply.String("type"));
        var generated = await Server.As("viewer").Get($"/api/v1/stock/{Wh}/{Sku}", new Dictionary<string, string> { ["X-Correlation-Id"] = "bad id with spaces" });
        Assert.NotEqual("bad id with spaces", generated.Headers["X-Correlation-Id"]);
        Assert.False(string.IsNullOrEmpty(generated.Headers["X-Correlation-Id"]));
    }
}

/// <summary>The exact inputs of the report that found them: each one refused with its field's code, nothing changed.</summary>
[Collection(ServerCollection.Name)]
public sealed class AmbiguousInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Comma_joined_and_numeric_enum_values_are_refused_not_turned_into_another_value()
    {
        await Setup.Stocked(Server, "AI-WH", "AI-SKU", 10);
        var admin = Server.As("admin");
        var ledgerBefore = (await admin.Get("/api/v1/stock/AI-WH/AI-SKU/ledger")).Text;

        (await admin.Post("/api/v1/stock/AI-WH/AI-SKU/adjustments", new { delta = -1, reason = "damage,theft" })).Problem(400, "INVALID_REASON");
        (await admin.Send(HttpMethod.Post, "/api/v1/stock/AI-WH/AI-SKU/adjustments", "{\"delta\":-1,\"reason\":2}")).Problem(400, "VALIDATION_FAILED");
        var warehouse = (await admin.Put("/api/v1/warehouses/AI-NEW", new { name = "New", type = "warehouse,transit" })).Problem(400, "VALIDATION_FAILED");
        Assert.True(warehouse["errors"].TryGetProperty("type", out _), warehouse.Text);
        var method = (await admin.Put("/api/v1/products/AI-NEW", new { name = "New", type = "FINISHED", baseUnit = "piece", costingMethod = "FIFO,LIFO" })).Problem(400, "VALIDATION_FAILED");
        Assert.True(method["errors"].TryGetProperty("costingMethod", out _), method.Text);
        var type = (await admin.Put("/api/v1/products/AI-NEW", new { name = "New", type = "RAW,SEMI", baseUnit = "piece" })).Problem(400, "VALIDATION_FAILED");
        Assert.True(type["errors"].TryGetProperty("type", out _), type.Text);
        (await admin.Send(HttpMethod.Post, "/api/v1/stock/AI-WH/AI-SKU/adjustments", "{\"delta\":-1,\"delta\":-2,\"reason\":\"damage\"}")).Problem(400, "VALIDATION_FAILED");
        (await admin.Send(HttpMethod.Post, "/api/v1/stock/AI-WH/AI-SKU/adjustments", "{\"delta\":-0.00000000000000000000000000001,\"reason\":\"damage\"}")).Problem(400, "VALIDATION_FAILED");

        Assert.Equal(ledgerBefore, (await admin.Get("/api/v1/stock/AI-WH/AI-SKU/ledger")).Text);
        (await admin.Get("/api/v1/warehouses/AI-NEW")).Problem(404, "WAREHOUSE_NOT_FOUND");
        (await admin.Get("/api/v1/products/AI-NEW")).Problem(404, "PRODUCT_NOT_FOUND");
    }

    [Theory]
    [InlineData("warehouse=..%2F..%2Fetc")]
    [InlineData("warehouse=%F0%9F%93%A6")]
    [InlineData("sku=%00")]
    [InlineData("sku=A%2FB")]
    public async Task A_reconcile_filter_that_cannot_name_a_position_is_a_400_not_an_empty_success(string filter) =>
        (await Server.As("admin").Post("/api/v1/admin/reconcile?" + filter)).Problem(400, "VALIDATION_FAILED");

    [Fact]
    public async Task A_reconcile_filter_of_3000_characters_is_a_400() =>
        (await Server.As("admin").Post("/api/v1/admin/reconcile?sku=" + new string('A', 3000))).Problem(400, "VALIDATION_FAILED");

    [Fact]
    public async Task Grain_not_active_is_a_problem_with_every_member_once()
    {
        var reply = (await Server.As("admin").Post("/api/v1/admin/grains/deactivate", new { type = "reservation", key = "never-active" })).Problem(404, "GRAIN_NOT_ACTIVE");

        using var strict = System.Text.Json.JsonDocument.Parse(reply.Text, new System.Text.Json.JsonDocumentOptions { AllowDuplicateProperties = false });
        Assert.Equal("urn:inventory:problem:grain-not-active", strict.RootElement.GetProperty("type").GetString());
        Assert.Equal("reservation", strict.RootElement.GetProperty("grainType").GetString()); // Orleans' grain type name
    }
}
