namespace Inventory.Server.Tests;

/// <summary>Idempotency-Key: the first response is replayed, a different request is 422, concurrent duplicates apply once.</summary>
[Collection(ServerCollection.Name)]
public sealed class IdempotencyTests(ServerFixture fixture)
{
    private InventoryServer Server => fixture.Server;

    [Fact]
    public async Task ARepeatGetsTheFirstResponseAndAppliesOnce()
    {
        await Setup.Stocked(Server, "ID-MAIN", "ID-SKU", 0);
        var staff = Server.As("warehouse_staff");
        var body = new { quantity = 5, unitCost = 2 };

        var first = (await staff.Post("/api/v1/stock/ID-MAIN/ID-SKU/receipts", body, idempotencyKey: "receipt-1")).Ok();
        var second = (await staff.Post("/api/v1/stock/ID-MAIN/ID-SKU/receipts", body, idempotencyKey: "receipt-1")).Ok();

        Assert.Equal(first.Text, second.Text);
        Assert.False(first.Headers.ContainsKey("Idempotent-Replayed"));
        Assert.Equal("true", second.Headers["Idempotent-Replayed"]);
        Assert.Equal(5m, (await Setup.Position(Server, "ID-MAIN", "ID-SKU")).Decimal("onHand"));

        // The key belongs to the user: another user with the same key makes a request of its own.
        (await Server.As("warehouse_staff", "someone-else").Post("/api/v1/stock/ID-MAIN/ID-SKU/receipts", body, idempotencyKey: "receipt-1")).Ok();
        Assert.Equal(10m, (await Setup.Position(Server, "ID-MAIN", "ID-SKU")).Decimal("onHand"));
    }

    [Fact]
    public async Task TheSameKeyWithADifferentRequestIsRefused()
    {
        await Setup.Stocked(Server, "ID-REUSE", "ID-SKU", 0);
        var staff = Server.As("warehouse_staff");
        (await staff.Post("/api/v1/stock/ID-REUSE/ID-SKU/receipts", new { quantity = 5, unitCost = 2 }, idempotencyKey: "reuse-1")).Ok();

        (await staff.Post("/api/v1/stock/ID-REUSE/ID-SKU/receipts", new { quantity = 6, unitCost = 2 }, idempotencyKey: "reuse-1"))
            .Problem(422, "IDEMPOTENCY_KEY_REUSED");
        (await staff.Post("/api/v1/stock/ID-REUSE/ID-SKU/returns", new { quantity = 5 }, idempotencyKey: "reuse-1"))
            .Problem(422, "IDEMPOTENCY_KEY_REUSED");
        Assert.Equal(5m, (await Setup.Position(Server, "ID-REUSE", "ID-SKU")).Decimal("onHand"));
        (await staff.Post("/api/v1/stock/ID-REUSE/ID-SKU/receipts", new { quantity = 6, unitCost = 2 }, idempotencyKey: new string('k', 201)))
            .Problem(400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task AFailedFirstResponseIsReplayedToo()
    {
        await Setup.Stocked(Server, "ID-FAIL", "ID-SKU", 1);
        var sales = Server.As("sales_staff");
        var body = new { lines = new[] { new { sku = "ID-SKU", warehouse = "ID-FAIL", quantity = 2 } } };

        var first = await sales.Post("/api/v1/reservations", body, idempotencyKey: "short-1");
        first.Problem(409, "INSUFFICIENT_STOCK");
        await Setup.Receive(Server, "ID-FAIL", "ID-SKU", 5, 1);
        var repeat = await sales.Post("/api/v1/reservations", body, idempotencyKey: "short-1");

        repeat.Problem(409, "INSUFFICIENT_STOCK");
        Assert.Equal(first.Text, repeat.Text);
    }

    [Fact]
    public async Task ConcurrentDuplicatesApplyOnce()
    {
        await Setup.Stocked(Server, "ID-RACE", "ID-SKU", 100);
        var sales = Server.As("sales_staff");
        var staff = Server.As("warehouse_staff");
        var reservation = new { lines = new[] { new { sku = "ID-SKU", warehouse = "ID-RACE", quantity = 3 } } };

        var reservations = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => sales.Post("/api/v1/reservations", reservation, idempotencyKey: "race-reserve")));
        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            staff.Post("/api/v1/stock/ID-RACE/ID-SKU/receipts", new { quantity = 7, unitCost = 1 }, idempotencyKey: "race-receive")));

        Assert.All(reservations, r => r.Ok(201));
        Assert.Single(reservations.Select(r => r.String("reservationId")).Distinct());
        Assert.Single(reservations.Select(r => r.Headers["Location"]).Distinct());
        Assert.All(receipts, r => r.Ok());
        var position = await Setup.Position(Server, "ID-RACE", "ID-SKU");
        Assert.Equal((107m, 3m), (position.Decimal("onHand"), position.Decimal("reserved")));
        var ledger = (await Server.As("viewer").Get("/api/v1/stock/ID-RACE/ID-SKU/ledger")).Ok();
        Assert.Equal(3, ledger["entries"].GetArrayLength()); // received 100, reserved 3, received 7
    }

    [Fact]
    public async Task AReservationIdIsDerivedFromTheKey()
    {
        await Setup.Stocked(Server, "ID-DERIVE", "ID-SKU", 10);
        var sales = Server.As("sales_staff");
        var body = new { lines = new[] { new { sku = "ID-SKU", warehouse = "ID-DERIVE", quantity = 1 } } };

        var keyed = (await sales.Post("/api/v1/reservations", body, idempotencyKey: "derive-1")).Ok(201).String("reservationId")!;
        var unkeyedA = (await sales.Post("/api/v1/reservations", body)).Ok(201).String("reservationId")!;
        var unkeyedB = (await sales.Post("/api/v1/reservations", body)).Ok(201).String("reservationId")!;

        Assert.StartsWith("r-", keyed);
        Assert.NotEqual(unkeyedA, unkeyedB);
        Assert.Equal(3m, (await Setup.Position(Server, "ID-DERIVE", "ID-SKU")).Decimal("reserved"));
    }
}
