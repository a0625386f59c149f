using Inventory.TestSupport;
namespace Inventory.Server.Tests;

/// <summary>Transfers move stock once per transfer id, at the source's cost, only between warehouses that may.</summary>
[Collection(ServerCollection.Name)]
public sealed class TransferTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string Sku = "TR-SKU";
    private TestServer Server => fixture.Server;

    public async Task InitializeAsync()
    {
        await Setup.Warehouse(Server, "TR-A");
        await Setup.Warehouse(Server, "TR-B");
        await Setup.Warehouse(Server, "TR-SHOW", canShip: false, type: "showroom");
        await Setup.Warehouse(Server, "TR-SUPP", canReceive: false, type: "supplier");
        await Setup.Product(Server, Sku, "FIFO", conversions: [new { unit = "pack", factor = 5, whole = true }]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ATransferMovesStockAtTheSourcesCostExactlyOnce()
    {
        var before = (await Setup.Position(Server, "TR-A", Sku)).Decimal("onHand");
        var beforeB = (await Setup.Position(Server, "TR-B", Sku)).Decimal("onHand");
        await Setup.Receive(Server, "TR-A", Sku, 10, 2m);
        await Setup.Receive(Server, "TR-A", Sku, 10, 4m);
        var staff = Server.As("warehouse_staff");
        var body = new { transferId = "tr-once-" + Guid.NewGuid().ToString("N")[..8], from = "TR-A", to = "TR-B", sku = Sku, quantity = 3, unit = "pack", reference = "rebalance" };

        var moved = (await staff.Post("/api/v1/transfers", body)).Ok(201);
        var again = (await staff.Post("/api/v1/transfers", body)).Ok(201);

        Assert.Equal(("completed", 15m), (moved.String("status"), moved.Decimal("quantity")));
        Assert.Equal($"/api/v1/transfers/{body.transferId}", moved.Headers["Location"]);
        // FIFO at the source, only when the source had nothing before this test: 10 x 2 + 5 x 4.
        if (before == 0) Assert.Equal((40m, 40m / 15m), (moved.Decimal("costOfGoods"), moved.Decimal("unitCost")));
        Assert.Equal(moved.Decimal("costOfGoods"), again.Decimal("costOfGoods"));
        Assert.Equal(before + 5m, (await Setup.Position(Server, "TR-A", Sku)).Decimal("onHand"));
        Assert.Equal(beforeB + 15m, (await Setup.Position(Server, "TR-B", Sku)).Decimal("onHand"));
        Assert.Equal("completed", (await Server.As("viewer").Get($"/api/v1/transfers/{body.transferId}")).Ok().String("status"));

        (await staff.Post("/api/v1/transfers", body with { quantity = 1 })).Problem(409, "TRANSFER_CONFLICT");
    }

    [Fact]
    public async Task ATransferIsRefusedWhenTheWarehousesOrStockDoNotAllowIt()
    {
        var staff = Server.As("warehouse_staff");
        await Setup.Receive(Server, "TR-SHOW", Sku, 5, 1m);

        (await staff.Post("/api/v1/transfers", new { from = "TR-SHOW", to = "TR-B", sku = Sku, quantity = 1 })).Problem(409, "WAREHOUSE_CANNOT_SHIP");
        (await staff.Post("/api/v1/transfers", new { from = "TR-A", to = "TR-SUPP", sku = Sku, quantity = 1 })).Problem(409, "WAREHOUSE_CANNOT_RECEIVE");
        (await staff.Post("/api/v1/transfers", new { from = "TR-A", to = "TR-NOWHERE", sku = Sku, quantity = 1 })).Problem(404, "WAREHOUSE_NOT_FOUND");
        (await staff.Post("/api/v1/transfers", new { from = "TR-A", to = "TR-B", sku = "TR-NONE", quantity = 1 })).Problem(404, "PRODUCT_NOT_FOUND");
        (await staff.Post("/api/v1/transfers", new { from = "TR-A", to = "TR-A", sku = Sku, quantity = 1 })).Problem(400, "VALIDATION_FAILED");
        (await staff.Post("/api/v1/transfers", new { from = "TR-A", to = "TR-B", sku = Sku, quantity = 1.5m, unit = "pack" })).Problem(400, "UNIT_NOT_CONVERTIBLE");
        (await staff.Post("/api/v1/transfers", new { from = "TR-A", to = "TR-B", sku = Sku, quantity = 0 })).Problem(400, "INVALID_QUANTITY");

        var id = "tr-short-" + Guid.NewGuid().ToString("N")[..8];
        var shortBody = new { transferId = id, from = "TR-A", to = "TR-B", sku = Sku, quantity = 1_000_000 };
        (await staff.Post("/api/v1/transfers", shortBody)).Problem(409, "INSUFFICIENT_STOCK");
        (await staff.Post("/api/v1/transfers", shortBody)).Problem(409, "INSUFFICIENT_STOCK");
        Assert.Equal("failed", (await Server.As("viewer").Get($"/api/v1/transfers/{id}")).Ok().String("status"));
        Assert.Equal(5m, (await Setup.Position(Server, "TR-SHOW", Sku)).Decimal("onHand"));
        (await Server.As("viewer").Get("/api/v1/transfers/tr-never")).Problem(404, "TRANSFER_NOT_FOUND");
    }
}
