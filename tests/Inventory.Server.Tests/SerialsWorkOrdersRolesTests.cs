using System.Security.Cryptography;
using Inventory.TestSupport;

namespace Inventory.Server.Tests;

/// <summary>
/// The role matrix of serials, bills of materials, work orders and reports (every role against each new capability),
/// and that serial items, their history and work orders survive a restart of the service.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class SerialsWorkOrdersRolesTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string Wh = "SR-MAIN";
    private const string Sku = "SR-ITEM";
    private const string Table = "SR-TABLE";
    private static readonly string[] AllRoles = ["admin", "manager", "warehouse_staff", "sales_staff", "purchaser", "viewer"];
    private TestServer Server => fixture.Server;

    public async Task InitializeAsync()
    {
        await Setup.Stocked(Server, Wh, Sku, 0);
        await Setup.Product(Server, Table);
        var bom = await Server.As("admin").Put($"/api/v1/boms/{Table}", new { components = new[] { new { sku = Sku, warehouse = Wh, quantityPerUnit = 1 } } });
        Assert.True(bom.Code is 200 or 201, bom.Text);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, bool> Matrix()
    {
        var allowed = new Dictionary<string, string[]>
        {
            ["serial-receipt"] = ["admin", "manager", "warehouse_staff", "purchaser"],
            ["invoice-event"] = ["admin", "manager", "sales_staff"],
            ["delivery-event"] = ["admin", "manager", "warehouse_staff"],
            ["serial-read"] = AllRoles,
            ["bom"] = ["admin", "manager"],
            ["work-order"] = ["admin", "manager", "warehouse_staff"],
            ["work-order-read"] = AllRoles,
            ["movements"] = AllRoles,
            ["analytics"] = AllRoles,
        };
        var data = new TheoryData<string, string, bool>();
        foreach (var (capability, roles) in allowed)
        {
            foreach (var role in AllRoles)
                data.Add(role, capability, roles.Contains(role));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRoleMayDoWhatTheMatrixSays(string role, string capability, bool allowed)
    {
        var client = Server.As(role);
        var serial = "SR-" + Guid.NewGuid().ToString("N")[..10];
        (await Server.As("admin").Post("/api/v1/serials/receipts", new { warehouse = Wh, sku = Sku, serials = new[] { serial }, unitCost = 1 })).Ok(201);
        if (capability == "delivery-event")
            (await Server.As("admin").Post($"/api/v1/serials/{Sku}/{serial}/transitions", new { to = "sold" })).Ok();
        var reply = capability switch
        {
            "serial-receipt" => await client.Post("/api/v1/serials/receipts", new { warehouse = Wh, sku = Sku, serials = new[] { serial + "-B" }, unitCost = 1 }),
            "invoice-event" => await client.Post("/api/v1/serials/events", new { type = "invoice.created", reference = "INV-" + serial, serials = new[] { new { sku = Sku, serial } } }),
            "delivery-event" => await client.Post("/api/v1/serials/events", new { type = "order.delivered", reference = "SO-" + serial, serials = new[] { new { sku = Sku, serial } } }),
            "serial-read" => await client.Get($"/api/v1/serials/{Sku}/{serial}"),
            "bom" => await client.Put($"/api/v1/boms/{Table}", new { components = new[] { new { sku = Sku, warehouse = Wh, quantityPerUnit = 1 } } }),
            "work-order" => await client.Post("/api/v1/work-orders", new { sku = Table, quantity = 1, warehouse = Wh }),
            "work-order-read" => await client.Get("/api/v1/work-orders?limit=1"),
            "movements" => await client.Get($"/api/v1/reports/movements?warehouse={Wh}&limit=1"),
            "analytics" => await client.Get($"/api/v1/reports/analytics?warehouse={Wh}"),
            _ => throw new ArgumentOutOfRangeException(nameof(capability)),
        };

        if (allowed)
            Assert.True(reply.Code is 200 or 201, $"{role} {capability}: {reply.Code} {reply.Text}");
        else
        {
            // The answer names roles that would do (the events endpoint's gate names every role of any event type).
            var named = reply.Problem(403, "FORBIDDEN")["allowedRoles"].EnumerateArray().Select(e => e.GetString()!).ToHashSet();
            Assert.DoesNotContain(role, named);
            Assert.Superset(AllRoles.Where(r => Allowed(capability, r)).ToHashSet(), named);
        }
    }

    private static bool Allowed(string capability, string role) =>
        Matrix().Any(row => (string)row[0] == role && (string)row[1] == capability && (bool)row[2]);

    [Fact]
    public async Task SerialsTheirHistoryAndWorkOrdersSurviveARestart()
    {
        var connectionString = await fixture.Postgres.EnsureDatabaseAsync("serials_restart_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        var workOrderId = "wo-restart-1";
        await using (var first = await TestServer.StartAsync(connectionString))
        {
            await Setup.Stocked(first, Wh, Sku, 0);
            await Setup.Product(first, Table);
            (await first.As("admin").Post("/api/v1/serials/receipts", new { warehouse = Wh, sku = Sku, serials = new[] { "A1", "A2", "A3" }, unitCost = 4 })).Ok(201);
            (await first.As("sales_staff").Post("/api/v1/serials/events", new { type = "invoice.created", reference = "INV-1", serials = new[] { new { sku = Sku, serial = "A1" } } })).Ok();
            (await first.As("admin").Put($"/api/v1/boms/{Table}", new { components = new[] { new { sku = Sku, warehouse = Wh, quantityPerUnit = 2 } } })).Ok(201);
            (await first.As("manager").Post("/api/v1/work-orders", new { workOrderId, sku = Table, quantity = 1, warehouse = Wh })).Ok(201);
        }

        await using var second = await TestServer.StartAsync(connectionString);
        var item = (await second.As("viewer").Get($"/api/v1/serials/{Sku}/A1")).Ok();
        Assert.Equal(("reserved", "INV-1", 2), (item.String("status"), item.String("reference"), item["history"].GetArrayLength()));
        var order = (await second.As("viewer").Get($"/api/v1/work-orders/{workOrderId}")).Ok();
        Assert.Equal(("reserved", 2m), (order.String("status"), order["materials"][0].GetProperty("quantity").GetDecimal()));
        Assert.Equal(Table, (await second.As("viewer").Get($"/api/v1/boms/{Table}")).Ok().String("sku"));
        var position = await Setup.Position(second, Wh, Sku);
        Assert.Equal((3m, 3m), (position.Decimal("onHand"), position.Decimal("reserved")));

        // The restarted service carries on: the invoice is paid and the work order completes (2 units at 4 = 8).
        (await second.As("sales_staff").Post("/api/v1/serials/events", new { type = "invoice.paid", reference = "INV-1", serials = new[] { new { sku = Sku, serial = "A1" } } })).Ok();
        var completed = (await second.As("manager").Post($"/api/v1/work-orders/{workOrderId}/complete")).Ok();
        Assert.Equal((8m, 8m), (completed.Decimal("materialCost"), completed.Decimal("unitCost")));
        position = await Setup.Position(second, Wh, Sku);
        Assert.Equal((0m, 0m), (position.Decimal("onHand"), position.Decimal("reserved")));
    }
}
