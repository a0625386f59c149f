using Inventory.TestSupport;
namespace Inventory.Server.Tests.StockOperations;

/// <summary>
/// Quality control, damaged, safety stock and incoming over HTTP, by hand: 20 @ 2.00 arrive in quality control under
/// PO-S1 (30 ordered, so 10 stay incoming); 15 are released, 5 rejected as damaged; safety stock 4; the 5 damaged are
/// written off for 5 x 2.00 = 10.00; 3 come back from a customer into quality control.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class StockStateApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Wh = "SS-MAIN";
    private const string Sku = "SS-PAINT";
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Stock_moves_between_states_through_the_ledger_and_available_excludes_what_is_not_sellable()
    {
        await Setup.Warehouse(Server, Wh);
        await Setup.Product(Server, Sku);
        var clerk = Server.As("warehouse_staff");
        var path = $"/api/v1/stock/{Wh}/{Sku}";

        (await Server.As("purchaser").Post(path + "/orders", new { purchaseOrder = "PO-S1", quantity = 30, supplier = "PAINTCO" })).Ok();
        var received = (await clerk.Post(path + "/receipts", new { quantity = 20, unitCost = 2m, lot = "B-1", status = "quality_control", purchaseOrder = "PO-S1" })).Ok();
        Assert.Equal((20m, 0m), (received.Decimal("onHand"), received.Decimal("available")));
        var levels = (await Server.As("viewer").Get(path + "/lots")).Ok();
        Assert.Equal((20m, 10m), (levels.Decimal("qualityControl"), levels.Decimal("incoming")));
        Assert.Equal("PO-S1", levels["incomingOrders"][0].GetProperty("purchaseOrder").GetString());

        (await clerk.Post(path + "/status-changes", new { quantity = 15, from = "quality_control", to = "available", reason = "qc passed" })).Ok();
        (await clerk.Post(path + "/status-changes", new { quantity = 5, from = "quality_control", to = "damaged", reason = "qc failed" })).Ok();
        (await Server.As("manager").Put(path + "/policy", new { safetyStock = 4 })).Ok();

        var position = await Setup.Position(Server, Wh, Sku);
        // 20 on hand - 0 reserved - 0 quality control - 5 damaged - 4 safety stock = 11
        Assert.Equal((20m, 0m, 5m, 11m), (position.Decimal("onHand"), position.Decimal("qualityControl"), position.Decimal("damaged"), position.Decimal("available")));
        (await Server.As("sales_staff").Post("/api/v1/reservations", new { lines = new[] { new { warehouse = Wh, sku = Sku, quantity = 12 } } })).Problem(409, "INSUFFICIENT_STOCK");

        var writeOff = (await clerk.Post(path + "/write-offs", new { quantity = 5, status = "damaged", reason = "damage", reference = "QC-7" })).Ok();
        Assert.Equal((15m, 10.00m), (writeOff.Decimal("onHand"), writeOff.Decimal("costOfGoods")));
        (await clerk.Post(path + "/write-offs", new { quantity = 1, status = "damaged", reason = "damage" })).Problem(409, "INSUFFICIENT_STOCK");
        (await clerk.Post(path + "/write-offs", new { quantity = 1, reason = "found" })).Problem(400, "INVALID_REASON");
        (await clerk.Post(path + "/status-changes", new { quantity = 1, from = "available", to = "sold" })).Problem(400, "VALIDATION_FAILED");
        (await clerk.Post(path + "/status-changes", new { quantity = 1, from = "damaged", to = "damaged" })).Problem(400, "INVALID_STATUS");

        var returned = (await clerk.Post(path + "/returns", new { quantity = 3, unitCost = 2m, status = "quality_control", lot = "RMA-9" })).Ok();
        Assert.Equal((18m, 11m), (returned.Decimal("onHand"), returned.Decimal("available")));

        // a theft is written off from available stock with its cost: 2 x 2.00
        var theft = (await clerk.Post(path + "/write-offs", new { quantity = 2, reason = "theft" })).Ok();
        Assert.Equal(4.00m, theft.Decimal("costOfGoods"));
        (await Server.As("purchaser").Post(path + "/orders/PO-S1/cancel", new { reason = "supplier short" })).Ok();
        (await Server.As("purchaser").Post(path + "/orders/PO-NONE/cancel", new { })).Problem(404, "ORDER_NOT_FOUND");

        var ledger = (await Server.As("viewer").Get(path + "/ledger?limit=100")).Ok()["entries"].EnumerateArray().ToList();
        Assert.Equal(["ordered", "received", "status_changed", "status_changed", "written_off", "returned", "written_off", "order_cancelled"],
            ledger.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(("quality_control", "damaged"), (ledger[3].GetProperty("fromStatus").GetString(), ledger[3].GetProperty("toStatus").GetString()));
        Assert.Equal((0m, 3m, 0m), (ledger[^1].GetProperty("incomingAfter").GetDecimal(), ledger[^1].GetProperty("qualityAfter").GetDecimal(),
            ledger[^1].GetProperty("damagedAfter").GetDecimal()));
        var final = await Setup.Position(Server, Wh, Sku);
        // 16 on hand - 3 quality control - 4 safety stock = 9
        Assert.Equal((16m, 3m, 9m, 0m), (final.Decimal("onHand"), final.Decimal("qualityControl"), final.Decimal("available"), final.Decimal("incoming")));
        // the stock listing (read from the committed snapshots) agrees
        var row = (await Server.As("viewer").Get($"/api/v1/stock?warehouse={Wh}")).Ok()["items"].EnumerateArray().Single();
        Assert.Equal((16m, 9m), (row.GetProperty("onHand").GetDecimal(), row.GetProperty("available").GetDecimal()));
    }
}
