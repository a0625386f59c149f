using Inventory.TestSupport;
namespace Inventory.Server.Tests.StockOperations;

/// <summary>
/// A transfer in transit, by hand. Source: lot T1 6 @ 3.00 then lot T2 6 @ 5.00 (FIFO). Ship 10: 6 x 3.00 + 4 x 5.00
/// = 38.00 leaves the source and travels. The destination receives 7 (6 of T1, 1 of T2: 18.00 + 5.00 = 23.00): 3 short,
/// still in transit (15.00). Closing records the 3 as lost at the destination (transit_loss, 15.00).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class TransferFlowTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Sku = "TF-PIPE";
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Goods_travel_with_their_cost_arrive_in_part_and_the_short_quantity_is_recorded_as_lost()
    {
        await Setup.Warehouse(Server, "TF-A");
        await Setup.Warehouse(Server, "TF-B");
        await Setup.Product(Server, Sku);
        var clerk = Server.As("warehouse_staff");
        (await clerk.Post($"/api/v1/stock/TF-A/{Sku}/receipts", new { quantity = 6, unitCost = 3m, lot = "T1" })).Ok();
        (await clerk.Post($"/api/v1/stock/TF-A/{Sku}/receipts", new { quantity = 6, unitCost = 5m, lot = "T2" })).Ok();
        var id = "tf-" + Guid.NewGuid().ToString("N")[..8];

        var shipped = (await clerk.Post("/api/v1/transfers", new { transferId = id, from = "TF-A", to = "TF-B", sku = Sku, quantity = 10, autoReceive = false })).Ok(201);
        Assert.Equal(("in_transit", 10m, 38.00m, 38.00m), (shipped.String("status"), shipped.Decimal("inTransitQuantity"), shipped.Decimal("costOfGoods"),
            shipped.Decimal("inTransitValue")));
        Assert.Equal(2m, (await Setup.Position(Server, "TF-A", Sku)).Decimal("onHand"));
        Assert.Equal(0m, (await Setup.Position(Server, "TF-B", Sku)).Decimal("onHand"));
        Assert.Contains((await Server.As("viewer").Get("/api/v1/transfers?status=in_transit&warehouse=TF-B")).Ok()["items"].EnumerateArray(),
            t => t.GetProperty("transferId").GetString() == id);

        var partial = (await clerk.Post($"/api/v1/transfers/{id}/receipts", new { quantity = 7 }, idempotencyKey: id + "-r1")).Ok();
        Assert.Equal(("in_transit", 7m, 3m, 3m, 15.00m), (partial.String("status"), partial.Decimal("receivedQuantity"), partial.Decimal("shortQuantity"),
            partial.Decimal("inTransitQuantity"), partial.Decimal("inTransitValue")));
        // the same receipt retried (same Idempotency-Key) is not received twice
        (await clerk.Post($"/api/v1/transfers/{id}/receipts", new { quantity = 7 }, idempotencyKey: id + "-r1")).Ok();
        var b = await Setup.Position(Server, "TF-B", Sku);
        Assert.Equal(7m, b.Decimal("onHand"));
        var lots = (await Server.As("viewer").Get($"/api/v1/stock/TF-B/{Sku}/lots")).Ok()["lots"].EnumerateArray()
            .Select(l => (l.GetProperty("lot").GetString(), l.GetProperty("onHand").GetDecimal(), l.GetProperty("value").GetDecimal()));
        Assert.Equal([("T1", 6m, 18.00m), ("T2", 1m, 5.00m)], lots);
        (await clerk.Post($"/api/v1/transfers/{id}/receipts", new { quantity = 4 })).Problem(409, "TRANSIT_EXCEEDED");

        var closed = (await clerk.Post($"/api/v1/transfers/{id}/close", new { reason = "broken in truck" })).Ok();
        Assert.Equal(("completed", 3m, 15.00m, 0m, "broken in truck"), (closed.String("status"), closed.Decimal("lostQuantity"), closed.Decimal("lostValue"),
            closed.Decimal("inTransitQuantity"), closed.String("closeReason")));
        (await clerk.Post($"/api/v1/transfers/{id}/receipts", new { quantity = 1 })).Problem(409, "TRANSFER_NOT_IN_TRANSIT");

        var ledgerB = (await Server.As("viewer").Get($"/api/v1/stock/TF-B/{Sku}/ledger")).Ok()["entries"].EnumerateArray().ToList();
        Assert.Equal(["transfer_received", "transfer_received", "transit_loss"], ledgerB.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal((3m, 15.00m, 7m), (ledgerB[2].GetProperty("quantity").GetDecimal(), ledgerB[2].GetProperty("totalCost").GetDecimal(),
            ledgerB[2].GetProperty("onHandAfter").GetDecimal()));
        var ledgerA = (await Server.As("viewer").Get($"/api/v1/stock/TF-A/{Sku}/ledger")).Ok()["entries"].EnumerateArray().ToList();
        Assert.Equal((1, 38.00m), (ledgerA.Count(e => e.GetProperty("type").GetString() == "transfer_shipped"),
            ledgerA.Single(e => e.GetProperty("type").GetString() == "transfer_shipped").GetProperty("totalCost").GetDecimal()));
    }

    [Fact]
    public async Task A_receipt_can_close_the_transfer_at_once_and_receive_by_lot()
    {
        await Setup.Warehouse(Server, "TF-C");
        await Setup.Warehouse(Server, "TF-D");
        await Setup.Product(Server, Sku);
        var clerk = Server.As("warehouse_staff");
        (await clerk.Post($"/api/v1/stock/TF-C/{Sku}/receipts", new { quantity = 4, unitCost = 1m, lot = "X" })).Ok();
        (await clerk.Post($"/api/v1/stock/TF-C/{Sku}/receipts", new { quantity = 4, unitCost = 2m, lot = "Y" })).Ok();
        var id = "tf-" + Guid.NewGuid().ToString("N")[..8];
        (await clerk.Post("/api/v1/transfers", new { transferId = id, from = "TF-C", to = "TF-D", sku = Sku, quantity = 8, autoReceive = false })).Ok(201);

        (await clerk.Post($"/api/v1/transfers/{id}/receipts", new { lots = new[] { new { lot = "Y", quantity = 5 } } })).Problem(409, "TRANSIT_EXCEEDED");
        var done = (await clerk.Post($"/api/v1/transfers/{id}/receipts", new { lots = new[] { new { lot = "Y", quantity = 4 } }, close = true })).Ok();

        // all of Y arrived (8.00); X never did: 4 x 1.00 lost
        Assert.Equal(("completed", 4m, 4m, 4.00m), (done.String("status"), done.Decimal("receivedQuantity"), done.Decimal("lostQuantity"), done.Decimal("lostValue")));
        Assert.Equal(8.00m, (await Server.As("manager").Get($"/api/v1/stock/TF-D/{Sku}/lots")).Ok()["lots"][0].GetProperty("value").GetDecimal());
    }
}
