using Inventory.TestSupport;
namespace Inventory.Server.Tests;

/// <summary>Products and warehouses: create, replace, validation, the single default, and costing-method changes.</summary>
[Collection(ServerCollection.Name)]
public sealed class CatalogTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task AProductIsCreatedThenReplacedAndRead()
    {
        var purchaser = Server.As("purchaser");
        var body = new
        {
            name = "Oak floor tile",
            type = "FINISHED",
            baseUnit = "piece",
            wholeBaseUnit = true,
            conversions = new[] { new { unit = "box", factor = 12m, whole = true } },
            costingMethod = "LIFO",
            leadTimeDays = 14,
            metadata = new Dictionary<string, string> { ["color"] = "oak" },
        };

        var created = await purchaser.Put("/api/v1/products/CT-OAK", body);
        created.Ok(201);
        Assert.Equal("/api/v1/products/CT-OAK", created.Headers["Location"]);
        Assert.Equal(("LIFO", "FINISHED", 14), (created.String("costingMethod"), created.String("type"), created["leadTimeDays"].GetInt32()));
        var replaced = (await purchaser.Put("/api/v1/products/CT-OAK", body with { name = "Oak tile", costingMethod = "average" })).Ok();
        Assert.Equal(("Oak tile", "AVERAGE"), (replaced.String("name"), replaced.String("costingMethod")));

        var read = (await Server.As("viewer").Get("/api/v1/products/CT-OAK")).Ok();
        Assert.Equal("oak", read["metadata"].GetProperty("color").GetString());
        Assert.Equal(12m, read["conversions"][0].GetProperty("factor").GetDecimal());
        Assert.Contains((await Server.As("viewer").Get("/api/v1/products")).Ok().Json.EnumerateArray(), p => p.GetProperty("sku").GetString() == "CT-OAK");
        (await Server.As("viewer").Get("/api/v1/products/CT-NONE")).Problem(404, "PRODUCT_NOT_FOUND");
    }

    [Fact]
    public async Task AnInvalidProductListsEveryFieldError()
    {
        var refused = await Server.As("purchaser").Put("/api/v1/products/CT-BAD", new
        {
            name = "",
            type = "GADGET",
            baseUnit = "piece",
            wholeBaseUnit = true,
            conversions = new object[] { new { unit = "box", factor = -1 }, new { unit = "piece", factor = 2 }, new { unit = "half", factor = 0.5m, whole = true } },
            costingMethod = "RANDOM",
            leadTimeDays = -1,
        });

        refused.Problem(400, "VALIDATION_FAILED");
        var errors = refused["errors"];
        Assert.True(errors.TryGetProperty("type", out _));
        Assert.True(errors.TryGetProperty("costingMethod", out _));
        var second = await Server.As("purchaser").Put("/api/v1/products/CT-BAD", new
        {
            name = "",
            type = "RAW",
            baseUnit = "piece",
            wholeBaseUnit = true,
            conversions = new object[] { new { unit = "box", factor = -1 }, new { unit = "piece", factor = 2 }, new { unit = "half", factor = 0.5m, whole = true } },
            leadTimeDays = -1,
        });
        second.Problem(400, "VALIDATION_FAILED");
        foreach (var field in new[] { "name", "leadTimeDays", "conversions[0].factor", "conversions[1].unit", "conversions[2].factor" })
            Assert.True(second["errors"].TryGetProperty(field, out _), $"no error for {field}: {second.Text}");
        (await Server.As("purchaser").Put("/api/v1/products/CT%20BAD", new { name = "x", type = "RAW", baseUnit = "kg" })).Problem(400, "VALIDATION_FAILED");
        (await Server.As("viewer").Get("/api/v1/products/CT-BAD")).Problem(404, "PRODUCT_NOT_FOUND");
    }

    [Fact]
    public async Task OnlyOneWarehouseIsTheDefault()
    {
        var manager = Server.As("manager");
        (await manager.Put("/api/v1/warehouses/CT-W1", new { name = "One", type = "warehouse", isDefault = true })).Ok(201);
        (await manager.Put("/api/v1/warehouses/CT-W2", new { name = "Two", type = "transit", canShip = true, canReceive = true, isDefault = true })).Ok(201);

        var all = (await Server.As("viewer").Get("/api/v1/warehouses")).Ok().Json.EnumerateArray().ToList();
        Assert.Single(all, w => w.GetProperty("isDefault").GetBoolean());
        Assert.True((await Server.As("viewer").Get("/api/v1/warehouses/CT-W2")).Ok()["isDefault"].GetBoolean());
        Assert.False((await Server.As("viewer").Get("/api/v1/warehouses/CT-W1")).Ok()["isDefault"].GetBoolean());
        var replaced = (await manager.Put("/api/v1/warehouses/CT-W1", new { name = "One again", type = "showroom", canShip = false })).Ok();
        Assert.Equal(("showroom", false), (replaced.String("type"), replaced["canShip"].GetBoolean()));
        (await manager.Put("/api/v1/warehouses/CT-W3", new { name = "Three", type = "castle" })).Problem(400, "VALIDATION_FAILED");
        (await manager.Put("/api/v1/warehouses/CT-W3", new { type = "warehouse" })).Problem(400, "VALIDATION_FAILED");
        (await Server.As("viewer").Get("/api/v1/warehouses/CT-W3")).Problem(404, "WAREHOUSE_NOT_FOUND");
    }

    [Fact]
    public async Task ChangingTheCostingMethodReconfiguresExistingPositions()
    {
        await Setup.Warehouse(Server, "CT-COST");
        await Setup.Product(Server, "CT-LAYERED", "FIFO");
        await Setup.Receive(Server, "CT-COST", "CT-LAYERED", 1, 1m);
        (await Server.As("admin").Post("/api/v1/stock/CT-COST/CT-LAYERED/adjustments", new { delta = -1, reason = "damage" })).Ok();
        Assert.Equal("FIFO", (await Setup.Position(Server, "CT-COST", "CT-LAYERED")).String("costingMethod"));

        await Setup.Product(Server, "CT-LAYERED", "LIFO"); // allowed: the position exists but holds nothing

        Assert.Equal("LIFO", (await Setup.Position(Server, "CT-COST", "CT-LAYERED")).String("costingMethod"));
        await Setup.Receive(Server, "CT-COST", "CT-LAYERED", 10, 1m);
        await Setup.Receive(Server, "CT-COST", "CT-LAYERED", 10, 3m);
        var sales = Server.As("sales_staff");
        var id = (await sales.Post("/api/v1/reservations", new { lines = new[] { new { sku = "CT-LAYERED", warehouse = "CT-COST", quantity = 5 } } }))
            .Ok(201).String("reservationId");
        // LIFO takes the newest layer (3.00), where FIFO would have charged 1.00.
        Assert.Equal(15m, (await sales.Post($"/api/v1/reservations/{id}/commit")).Ok().Decimal("costOfGoods"));
    }

    [Fact]
    public async Task ANewPositionCostsWithItsProductsMethod()
    {
        await Setup.Warehouse(Server, "CT-AVG");
        await Setup.Product(Server, "CT-AVERAGED", "AVERAGE");
        await Setup.Receive(Server, "CT-AVG", "CT-AVERAGED", 1, 1m);
        await Setup.Receive(Server, "CT-AVG", "CT-AVERAGED", 1, 2m);

        var position = await Setup.Position(Server, "CT-AVG", "CT-AVERAGED");

        Assert.Equal(("AVERAGE", 1.5m), (position.String("costingMethod"), position.Decimal("averageUnitCost")));
    }
}

/// <summary>A product's costing method or units cannot change under stock that would be revalued or reinterpreted.</summary>
[Collection(ServerCollection.Name)]
public sealed class ProductChangeUnderStockTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Costing_method_base_unit_and_unit_factors_are_refused_while_stock_or_reservations_exist_and_allowed_at_zero()
    {
        await Setup.Warehouse(Server, "PC-WH");
        var admin = Server.As("admin");
        object Product(string method = "FIFO", string baseUnit = "piece", decimal boxFactor = 12m, bool withPallet = false) => new
        {
            name = "Tile",
            type = "FINISHED",
            baseUnit,
            costingMethod = method,
            conversions = withPallet
                ? new object[] { new { unit = "box", factor = boxFactor }, new { unit = "pallet", factor = 480m } }
                : [new { unit = "box", factor = boxFactor }],
        };
        (await admin.Put("/api/v1/products/PC-TILE", Product())).Ok(201);
        await Setup.Receive(Server, "PC-WH", "PC-TILE", 24, 2m);

        foreach (var (change, field) in new[] { (Product(method: "AVERAGE"), "costingMethod"), (Product(baseUnit: "m2"), "baseUnit"), (Product(boxFactor: 10m), "conversions[box]") })
        {
            var refused = (await admin.Put("/api/v1/products/PC-TILE", change)).Problem(409, "PRODUCT_IN_USE");
            Assert.Contains(field, refused["fields"].EnumerateArray().Select(f => f.GetString()));
        }
        var product = (await admin.Get("/api/v1/products/PC-TILE")).Ok();
        Assert.Equal("FIFO", product.String("costingMethod"));
        Assert.Equal(12m, product["conversions"][0].GetProperty("factor").GetDecimal());
        Assert.Equal(48m, (await Setup.Position(Server, "PC-WH", "PC-TILE")).Decimal("onHand") * 2m); // 24 on hand, unchanged

        // A new unit changes nothing held: allowed.
        (await admin.Put("/api/v1/products/PC-TILE", Product(withPallet: true))).Ok();

        // A reservation alone also holds the product in place.
        await admin.Post("/api/v1/stock/PC-WH/PC-TILE/adjustments", new { delta = -24, reason = "damage" });
        var reservation = await Server.As("sales_staff").Post("/api/v1/reservations", new { lines = new[] { new { warehouse = "PC-WH", sku = "PC-TILE", quantity = 0 } } });
        Assert.Equal(400, reservation.Code); // nothing to reserve at zero; the position is at zero on hand and reserved
        (await admin.Put("/api/v1/products/PC-TILE", Product(method: "AVERAGE", boxFactor: 10m, withPallet: true))).Ok();
        Assert.Equal("AVERAGE", (await admin.Get("/api/v1/products/PC-TILE")).Ok().String("costingMethod"));
    }
}
