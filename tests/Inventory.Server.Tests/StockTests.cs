using Inventory.TestSupport;
namespace Inventory.Server.Tests;

/// <summary>Receipts with exact unit conversion, adjustments, counts, returns, listing, ledger paging and bulk.</summary>
[Collection(ServerCollection.Name)]
public sealed class StockTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string Wh = "ST-MAIN";
    private const string Tile = "ST-TILE";
    private TestServer Server => fixture.Server;

    public async Task InitializeAsync()
    {
        await Setup.Warehouse(Server, Wh);
        await Setup.Product(Server, Tile, "FIFO", "piece", wholeBaseUnit: true,
            conversions: [new { unit = "box", factor = 12, whole = true }, new { unit = "m2", factor = 12.5m }]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task UnitsConvertExactlyAndNeverSplitAWholeUnit()
    {
        const string wh = "ST-UNITS";
        await Setup.Warehouse(Server, wh);
        var staff = Server.As("warehouse_staff");
        var path = $"/api/v1/stock/{wh}/{Tile}/receipts";

        Assert.Equal(24m, (await staff.Post(path, new { quantity = 2, unit = "box", unitCost = 1 })).Ok().Decimal("quantity"));
        Assert.Equal(25m, (await staff.Post(path, new { quantity = 2, unit = "m2", unitCost = 1 })).Ok().Decimal("quantity"));
        Assert.Equal(25m, (await staff.Post(path, new { quantity = 2, unit = "M2", unitCost = 1 })).Ok().Decimal("quantity"));

        var split = await staff.Post(path, new { quantity = 1.5m, unit = "box", unitCost = 1 });
        split.Problem(400, "UNIT_NOT_CONVERTIBLE");
        Assert.Equal("box", split.String("unit"));
        (await staff.Post(path, new { quantity = 1, unit = "m2", unitCost = 1 })).Problem(400, "UNIT_NOT_CONVERTIBLE"); // 12.5 pieces
        (await staff.Post(path, new { quantity = 0.5m, unitCost = 1 })).Problem(400, "UNIT_NOT_CONVERTIBLE"); // half a piece
        (await staff.Post(path, new { quantity = 1, unit = "pallet", unitCost = 1 })).Problem(400, "UNIT_NOT_CONVERTIBLE");

        Assert.Equal(74m, (await Setup.Position(Server, wh, Tile)).Decimal("onHand"));
    }

    [Fact]
    public async Task BadQuantitiesAndCostsAreRefusedAndChangeNothing()
    {
        const string wh = "ST-BAD";
        await Setup.Warehouse(Server, wh);
        await Setup.Receive(Server, wh, Tile, 10, 1);
        var staff = Server.As("warehouse_staff");
        var before = (await Server.As("viewer").Get($"/api/v1/stock/{wh}/{Tile}/ledger")).Ok()["entries"].GetArrayLength();

        (await staff.Post($"/api/v1/stock/{wh}/{Tile}/receipts", new { quantity = 0, unitCost = 1 })).Problem(400, "INVALID_QUANTITY");
        (await staff.Post($"/api/v1/stock/{wh}/{Tile}/receipts", new { quantity = -5, unitCost = 1 })).Problem(400, "INVALID_QUANTITY");
        (await staff.Post($"/api/v1/stock/{wh}/{Tile}/receipts", new { quantity = 5, unitCost = -1 })).Problem(400, "INVALID_UNIT_COST");
        (await staff.Post($"/api/v1/stock/{wh}/{Tile}/receipts", new { quantity = 1e15m, unitCost = 1 })).Problem(400, "INVALID_QUANTITY");
        var missing = await staff.Post($"/api/v1/stock/{wh}/{Tile}/receipts", new { unit = "box" });
        missing.Problem(400, "VALIDATION_FAILED");
        Assert.True(missing["errors"].TryGetProperty("quantity", out _));
        Assert.True(missing["errors"].TryGetProperty("unitCost", out _));
        (await staff.Post($"/api/v1/stock/{wh}/{Tile}/adjustments", new { delta = 0, reason = "damage" })).Problem(400, "INVALID_QUANTITY");
        (await staff.Post($"/api/v1/stock/{wh}/{Tile}/adjustments", new { delta = -1, reason = "lost-in-space" })).Problem(400, "INVALID_REASON");
        (await staff.Post($"/api/v1/stock/{wh}/{Tile}/adjustments", new { delta = -1, reason = "1" })).Problem(400, "INVALID_REASON");
        (await staff.Post($"/api/v1/stock/{wh}/{Tile}/adjustments", new { delta = -11, reason = "damage" })).Problem(409, "INSUFFICIENT_STOCK");
        (await staff.Post($"/api/v1/stock/{wh}/{Tile}/counts", new { counted = -1 })).Problem(400, "INVALID_QUANTITY");
        (await staff.Post($"/api/v1/stock/{wh}/{Tile}/returns", new { quantity = -2 })).Problem(400, "INVALID_QUANTITY");
        (await staff.Post($"/api/v1/reservations", new { lines = new[] { new { sku = Tile, warehouse = wh, quantity = 0 } } }))
            .Problem(403, "FORBIDDEN");
        (await Server.As("sales_staff").Post("/api/v1/reservations", new { lines = new[] { new { sku = Tile, warehouse = wh, quantity = -3 } } }))
            .Problem(400, "INVALID_QUANTITY");
        (await Server.As("sales_staff").Post("/api/v1/reservations", new { lines = Array.Empty<object>() })).Problem(400, "VALIDATION_FAILED");

        var position = await Setup.Position(Server, wh, Tile);
        Assert.Equal((10m, 0m), (position.Decimal("onHand"), position.Decimal("reserved")));
        var after = (await Server.As("viewer").Get($"/api/v1/stock/{wh}/{Tile}/ledger")).Ok()["entries"].GetArrayLength();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task UnknownProductsAndWarehousesAreNotFound()
    {
        var staff = Server.As("warehouse_staff");
        var noProduct = await staff.Post($"/api/v1/stock/{Wh}/ST-NOPE/receipts", new { quantity = 1, unitCost = 1 });
        noProduct.Problem(404, "PRODUCT_NOT_FOUND");
        Assert.Equal("ST-NOPE", noProduct.String("sku"));
        (await staff.Post($"/api/v1/stock/ST-NOWHERE/{Tile}/receipts", new { quantity = 1, unitCost = 1 })).Problem(404, "WAREHOUSE_NOT_FOUND");
        (await staff.Post($"/api/v1/stock/ST-NOWHERE/{Tile}/adjustments", new { delta = 1, reason = "found" })).Problem(404, "WAREHOUSE_NOT_FOUND");
        (await Server.As("viewer").Get($"/api/v1/stock/{Wh}/ST-NOPE")).Problem(404, "PRODUCT_NOT_FOUND");
        (await Server.As("viewer").Get($"/api/v1/stock/{Wh}/ST-NOPE/ledger")).Problem(404, "PRODUCT_NOT_FOUND");
        (await Server.As("sales_staff").Post("/api/v1/reservations", new { lines = new[] { new { sku = Tile, warehouse = "ST-NOWHERE", quantity = 1 } } }))
            .Problem(404, "WAREHOUSE_NOT_FOUND");
        (await Server.As("manager").Put($"/api/v1/stock/ST-NOWHERE/{Tile}/policy", new { reorderPoint = 1 })).Problem(404, "WAREHOUSE_NOT_FOUND");
    }

    [Fact]
    public async Task AWarehouseThatCannotReceiveRefusesReceiptsAndReturns()
    {
        await Setup.Warehouse(Server, "ST-SUPPLIER", canReceive: false, type: "supplier");
        var staff = Server.As("warehouse_staff");

        (await staff.Post($"/api/v1/stock/ST-SUPPLIER/{Tile}/receipts", new { quantity = 1, unitCost = 1 })).Problem(409, "WAREHOUSE_CANNOT_RECEIVE");
        (await staff.Post($"/api/v1/stock/ST-SUPPLIER/{Tile}/returns", new { quantity = 1 })).Problem(409, "WAREHOUSE_CANNOT_RECEIVE");
        Assert.Equal(0m, (await Setup.Position(Server, "ST-SUPPLIER", Tile)).Decimal("onHand"));
    }

    [Fact]
    public async Task AdjustmentsCountsAndReturnsMoveStockWithTheirReasons()
    {
        const string wh = "ST-MOVES";
        await Setup.Warehouse(Server, wh);
        await Setup.Receive(Server, wh, Tile, 2, 3m, unit: "box"); // 24 at 3.00
        var staff = Server.As("warehouse_staff");

        var damaged = (await staff.Post($"/api/v1/stock/{wh}/{Tile}/adjustments", new { delta = -4, reason = "damage", reference = "broken" })).Ok();
        Assert.Equal((-4m, 20m, 12m), (damaged.Decimal("quantity"), damaged.Decimal("onHand"), damaged.Decimal("costOfGoods")));
        var found = (await staff.Post($"/api/v1/stock/{wh}/{Tile}/adjustments", new { delta = 1, unit = "box", reason = "FOUND" })).Ok();
        Assert.Equal(32m, found.Decimal("onHand"));

        (await staff.Post($"/api/v1/stock/{wh}/{Tile}/counts", new { counted = 30, expectedOnHand = 31 })).Problem(409, "COUNT_MISMATCH");
        Assert.Equal(32m, (await Setup.Position(Server, wh, Tile)).Decimal("onHand"));
        var counted = (await staff.Post($"/api/v1/stock/{wh}/{Tile}/counts", new { counted = 30, expectedOnHand = 32 })).Ok();
        Assert.Equal(30m, counted.Decimal("onHand"));
        var boxes = (await staff.Post($"/api/v1/stock/{wh}/{Tile}/counts", new { counted = 3, unit = "box" })).Ok();
        Assert.Equal(36m, boxes.Decimal("onHand"));

        var returned = (await staff.Post($"/api/v1/stock/{wh}/{Tile}/returns", new { quantity = 4, unitCost = 2.5m, reference = "rma-7" })).Ok();
        Assert.Equal(40m, returned.Decimal("onHand"));

        var entries = (await Server.As("viewer").Get($"/api/v1/stock/{wh}/{Tile}/ledger")).Ok()["entries"].EnumerateArray().ToList();
        Assert.Equal(["received", "adjusted", "adjusted", "adjusted", "adjusted", "returned"],
            entries.Select(e => e.GetProperty("type").GetString()!).ToArray());
        Assert.Equal(["damage", "found", "count", "count"],
            entries.Skip(1).Take(4).Select(e => e.GetProperty("reason").GetString()!).ToArray());
        Assert.Equal("rma-7", entries[^1].GetProperty("reference").GetString());
    }

    /// <remarks>
    /// A read of a position active in this silo is answered from the view its grain last published, without a grain
    /// call; this reads twice after every kind of change (the second read is the one served from that view) and each
    /// must show the change.
    /// </remarks>
    [Fact]
    public async Task ReadsOfABusyPositionShowEveryChangeAcknowledgedBeforeThem()
    {
        const string wh = "ST-READS";
        await Setup.Warehouse(Server, wh);
        await Setup.Receive(Server, wh, Tile, 10, 1m);
        var staff = Server.As("warehouse_staff");
        var sales = Server.As("sales_staff");
        async Task Reads(decimal onHand, decimal reserved)
        {
            for (var i = 0; i < 2; i++)
            {
                var view = await Setup.Position(Server, wh, Tile);
                Assert.Equal((onHand, reserved), (view.Decimal("onHand"), view.Decimal("reserved")));
            }
        }

        await Reads(10, 0);
        var id = (await sales.Post("/api/v1/reservations", new { lines = new[] { new { sku = Tile, warehouse = wh, quantity = 3 } } }))
            .Ok(201).String("reservationId")!;
        await Reads(10, 3);
        (await staff.Post($"/api/v1/stock/{wh}/{Tile}/receipts", new { quantity = 5, unitCost = 1 })).Ok();
        await Reads(15, 3);
        (await staff.Post($"/api/v1/stock/{wh}/{Tile}/adjustments", new { delta = -2, reason = "damage" })).Ok();
        await Reads(13, 3);
        (await sales.Post($"/api/v1/reservations/{id}/commit")).Ok();
        await Reads(10, 0);
        var other = (await sales.Post("/api/v1/reservations", new { lines = new[] { new { sku = Tile, warehouse = wh, quantity = 4 } } }))
            .Ok(201).String("reservationId")!;
        await Reads(10, 4);
        (await sales.Post($"/api/v1/reservations/{other}/release")).Ok();
        await Reads(10, 0);
        Assert.False((await Setup.Position(Server, wh, Tile))["isLow"].GetBoolean());
        (await Server.As("admin").Put($"/api/v1/stock/{wh}/{Tile}/policy", new { reorderPoint = 12 })).Ok();
        for (var i = 0; i < 2; i++)
        {
            var view = await Setup.Position(Server, wh, Tile);
            Assert.Equal(12m, view["policy"].GetProperty("reorderPoint").GetDecimal());
            Assert.True(view["isLow"].GetBoolean()); // 10 available, reorder at 12
        }

    }

    [Fact]
    public async Task TheLedgerPagesAndFiltersByDate()
    {
        const string wh = "ST-LEDGER";
        await Setup.Warehouse(Server, wh);
        for (var i = 0; i < 5; i++)
            await Setup.Receive(Server, wh, Tile, 1, 1);
        var viewer = Server.As("viewer");

        var first = (await viewer.Get($"/api/v1/stock/{wh}/{Tile}/ledger?limit=2")).Ok();
        Assert.Equal([1L, 2L], first["entries"].EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToArray());
        Assert.Equal(2, first["nextAfterSeq"].GetInt64());
        var second = (await viewer.Get($"/api/v1/stock/{wh}/{Tile}/ledger?limit=2&afterSeq=2")).Ok();
        Assert.Equal([3L, 4L], second["entries"].EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToArray());
        var last = (await viewer.Get($"/api/v1/stock/{wh}/{Tile}/ledger?limit=2&afterSeq=4")).Ok();
        Assert.Equal(1, last["entries"].GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, last["nextAfterSeq"].ValueKind);

        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        var past = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        Assert.Equal(0, (await viewer.Get($"/api/v1/stock/{wh}/{Tile}/ledger?from={future}")).Ok()["entries"].GetArrayLength());
        Assert.Equal(5, (await viewer.Get($"/api/v1/stock/{wh}/{Tile}/ledger?from={past}&to={future}")).Ok()["entries"].GetArrayLength());
        Assert.Equal(0, (await viewer.Get($"/api/v1/stock/{wh}/{Tile}/ledger?to={past}")).Ok()["entries"].GetArrayLength());
        (await viewer.Get($"/api/v1/stock/{wh}/{Tile}/ledger?limit=0")).Problem(400, "VALIDATION_FAILED");
        (await viewer.Get($"/api/v1/stock/{wh}/{Tile}/ledger?from={future}&to={past}")).Problem(400, "VALIDATION_FAILED");
        (await viewer.Get($"/api/v1/stock/{wh}/{Tile}/ledger?from=yesterday")).Problem(400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task TheListingFiltersByWarehousePrefixAndLowStock()
    {
        const string wh = "ST-LIST";
        await Setup.Warehouse(Server, wh);
        foreach (var sku in new[] { "STL-A1", "STL-A2", "STL-B1" })
        {
            await Setup.Product(Server, sku);
            await Setup.Receive(Server, wh, sku, 10, 1);
        }

        (await Server.As("manager").Put($"/api/v1/stock/{wh}/STL-A2/policy", new { reorderPoint = 10 })).Ok();
        (await Server.As("manager").Put($"/api/v1/stock/{wh}/STL-B1/policy", new { reorderPoint = 9 })).Ok();
        var viewer = Server.As("viewer");

        var all = (await viewer.Get($"/api/v1/stock?warehouse={wh}")).Ok();
        Assert.Equal(["STL-A1", "STL-A2", "STL-B1"], all["items"].EnumerateArray().Select(i => i.GetProperty("sku").GetString()!).ToArray());
        var prefixed = (await viewer.Get($"/api/v1/stock?warehouse={wh}&skuPrefix=STL-A")).Ok();
        Assert.Equal(2, prefixed["items"].GetArrayLength());
        var low = (await viewer.Get($"/api/v1/stock?warehouse={wh}&lowStockOnly=true")).Ok();
        Assert.Equal(["STL-A2"], low["items"].EnumerateArray().Select(i => i.GetProperty("sku").GetString()!).ToArray());
        Assert.True(low["items"][0].GetProperty("isLow").GetBoolean());

        var page = (await viewer.Get($"/api/v1/stock?warehouse={wh}&limit=2")).Ok();
        Assert.Equal($"{wh}/STL-A2", page.String("next"));
        var rest = (await viewer.Get($"/api/v1/stock?warehouse={wh}&limit=2&after={Uri.EscapeDataString(page.String("next")!)}")).Ok();
        Assert.Equal(["STL-B1"], rest["items"].EnumerateArray().Select(i => i.GetProperty("sku").GetString()!).ToArray());
        (await viewer.Get("/api/v1/stock?limit=5000")).Problem(400, "VALIDATION_FAILED");
        (await viewer.Get("/api/v1/stock?after=nonsense")).Problem(400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task BulkReceiptsAndAdjustmentsAnswerEachItem()
    {
        const string wh = "ST-BULK";
        await Setup.Warehouse(Server, wh);
        var staff = Server.As("warehouse_staff");

        var receipts = (await staff.Post("/api/v1/stock/receipts/bulk", new
        {
            items = new object?[]
            {
                new { warehouse = wh, sku = Tile, quantity = 1, unit = "box", unitCost = 1 },
                new { warehouse = wh, sku = "ST-NOPE", quantity = 1, unitCost = 1 },
                new { warehouse = wh, sku = Tile, quantity = 0, unitCost = 1 },
                new { warehouse = wh, sku = Tile, quantity = 3, unitCost = 1 },
                null,
            },
        })).Ok();
        Assert.Equal((2, 3), (receipts["succeeded"].GetInt32(), receipts["failed"].GetInt32()));
        var results = receipts["results"].EnumerateArray().ToList();
        Assert.Equal([200, 404, 400, 200, 400], results.Select(r => r.GetProperty("status").GetInt32()).ToArray());
        Assert.Equal("PRODUCT_NOT_FOUND", results[1].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("INVALID_QUANTITY", results[2].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(15m, (await Setup.Position(Server, wh, Tile)).Decimal("onHand"));

        var adjustments = (await staff.Post("/api/v1/stock/adjustments/bulk", new
        {
            items = new object[]
            {
                new { warehouse = wh, sku = Tile, delta = -5, reason = "theft" },
                new { warehouse = wh, sku = Tile, delta = -50, reason = "theft" },
            },
        })).Ok();
        Assert.Equal([200, 409], adjustments["results"].EnumerateArray().Select(r => r.GetProperty("status").GetInt32()).ToArray());
        Assert.Equal(10m, (await Setup.Position(Server, wh, Tile)).Decimal("onHand"));
    }

    [Fact]
    public async Task ABulkListOverTheLimitIsRefusedWhole()
    {
        const string wh = "ST-BULKMAX";
        await Setup.Warehouse(Server, wh);
        var items = Enumerable.Range(0, 501).Select(_ => new { warehouse = wh, sku = Tile, quantity = 1, unitCost = 1 }).ToArray();

        var refused = await Server.As("warehouse_staff").Post("/api/v1/stock/receipts/bulk", new { items });

        refused.Problem(413, "PAYLOAD_TOO_LARGE");
        Assert.Equal(500, refused["maxItems"].GetInt32());
        (await Server.As("warehouse_staff").Post("/api/v1/stock/receipts/bulk", new { items = Array.Empty<object>() })).Problem(400, "VALIDATION_FAILED");
        Assert.Equal(0m, (await Setup.Position(Server, wh, Tile)).Decimal("onHand"));
        var exactly = await Server.As("warehouse_staff").Post("/api/v1/stock/receipts/bulk", new { items = items[..500] });
        Assert.Equal(500, exactly.Ok()["succeeded"].GetInt32());
        Assert.Equal(500m, (await Setup.Position(Server, wh, Tile)).Decimal("onHand"));
    }
}
