using Inventory.TestSupport;
namespace Inventory.Server.Tests;

/// <summary>
/// Bills of materials and work orders over HTTP: all-or-nothing material reservation, the cost roll-up checked by
/// hand, idempotent completion and cancellation, states, roles and bad input.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class WorkOrderTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string Raw = "WO-RAW";
    private const string Parts = "WO-PARTS";
    private const string Shop = "WO-SHOP";
    private TestServer Server => fixture.Server;

    public async Task InitializeAsync()
    {
        await Setup.Warehouse(Server, Raw);
        await Setup.Warehouse(Server, Parts);
        await Setup.Warehouse(Server, Shop);
        await Setup.Warehouse(Server, "WO-NOSHIP", canShip: false, type: "showroom");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Id(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<(string Table, string Leg, string Top, string Screw)> Products(string tag)
    {
        var (table, leg, top, screw) = ($"WO-TABLE-{tag}", $"WO-LEG-{tag}", $"WO-TOP-{tag}", $"WO-SCREW-{tag}");
        await Setup.Product(Server, table, "FIFO", wholeBaseUnit: true);
        await Setup.Product(Server, leg, "FIFO", wholeBaseUnit: true);
        await Setup.Product(Server, top, "AVERAGE", wholeBaseUnit: true);
        await Setup.Product(Server, screw, "LIFO", wholeBaseUnit: true);
        (await Server.As("manager").Put($"/api/v1/boms/{table}", new
        {
            components = new object[]
            {
                new { sku = leg, warehouse = Raw, quantityPerUnit = 4 },
                new { sku = top, warehouse = Raw, quantityPerUnit = 1 },
                new { sku = screw, warehouse = Parts, quantityPerUnit = 12 },
            },
        })).Ok(201);
        return (table, leg, top, screw);
    }

    private async Task<(decimal OnHand, decimal Reserved)> Levels(string warehouse, string sku)
    {
        var p = await Setup.Position(Server, warehouse, sku);
        return (p.Decimal("onHand"), p.Decimal("reserved"));
    }

    [Fact]
    public async Task CompletingAWorkOrderRollsTheMaterialCostUpIntoTheFinishedGoods()
    {
        var (table, leg, top, screw) = await Products("A");
        // Legs FIFO: 30 @ 5, 20 @ 6. Tops average: 5 @ 40, 5 @ 50 (average 45). Screws LIFO: 100 @ 0.10, 100 @ 0.20.
        await Setup.Receive(Server, Raw, leg, 30, 5m);
        await Setup.Receive(Server, Raw, leg, 20, 6m);
        await Setup.Receive(Server, Raw, top, 5, 40m);
        await Setup.Receive(Server, Raw, top, 5, 50m);
        await Setup.Receive(Server, Parts, screw, 100, 0.10m);
        await Setup.Receive(Server, Parts, screw, 100, 0.20m);
        var staff = Server.As("warehouse_staff");
        var id = Id("wo-a");

        var created = (await staff.Post("/api/v1/work-orders", new { workOrderId = id, sku = table, quantity = 10, warehouse = Shop })).Ok(201);

        Assert.Equal(("reserved", 10m, $"wo:{id}"), (created.String("status"), created.Decimal("quantity"), created.String("reservationId")));
        var materials = created["materials"].EnumerateArray().ToDictionary(m => m.GetProperty("sku").GetString()!, m => m.GetProperty("quantity").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { [leg] = 40m, [top] = 10m, [screw] = 120m }, materials);
        Assert.Equal((50m, 40m), await Levels(Raw, leg));
        Assert.Equal((10m, 10m), await Levels(Raw, top));
        Assert.Equal((200m, 120m), await Levels(Parts, screw));

        var completed = (await staff.Post($"/api/v1/work-orders/{id}/complete")).Ok();

        // Legs 30 @ 5 + 10 @ 6 = 210; tops 10 @ 45 = 450; screws (LIFO) 100 @ 0.20 + 20 @ 0.10 = 22. Total 682 for 10 tables: 68.2 each.
        var lines = completed["committedMaterials"].EnumerateArray().ToDictionary(m => m.GetProperty("sku").GetString()!, m => m.GetProperty("costOfGoods").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { [leg] = 210m, [top] = 450m, [screw] = 22m }, lines);
        Assert.Equal(("completed", 682m, 68.2m), (completed.String("status"), completed.Decimal("materialCost"), completed.Decimal("unitCost")));
        Assert.Equal((10m, 0m), await Levels(Raw, leg));
        Assert.Equal((0m, 0m), await Levels(Raw, top));
        Assert.Equal((80m, 0m), await Levels(Parts, screw));
        var finished = await Setup.Position(Server, Shop, table);
        Assert.Equal((10m, 68.2m), (finished.Decimal("onHand"), finished.Decimal("averageUnitCost")));
        var valuation = (await Server.As("manager").Get($"/api/v1/reports/valuation?warehouse={Shop}&sku={table}")).Ok();
        Assert.Equal(682m, valuation.Decimal("totalValue"));
        var receipt = (await Server.As("viewer").Get($"/api/v1/reports/movements?sku={table}&type=received")).Ok()["entries"].EnumerateArray().Single().GetProperty("entry");
        Assert.Equal(($"work-order:{id}", 10m, 68.2m, "warehouse_staff"), (receipt.GetProperty("reference").GetString(), receipt.GetProperty("quantity").GetDecimal(),
            receipt.GetProperty("unitCost").GetDecimal(), receipt.GetProperty("role").GetString()));

        var again = (await staff.Post($"/api/v1/work-orders/{id}/complete")).Ok();
        Assert.Equal(("completed", 682m), (again.String("status"), again.Decimal("materialCost")));
        Assert.Equal(10m, (await Setup.Position(Server, Shop, table)).Decimal("onHand"));
        var cancel = (await staff.Post($"/api/v1/work-orders/{id}/cancel")).Problem(409, "INVALID_TRANSITION");
        Assert.Equal(("completed", "cancelled"), (cancel.String("from"), cancel.String("to")));
        Assert.Equal("completed", (await Server.As("viewer").Get($"/api/v1/work-orders/{id}")).Ok().String("status"));
        var listed = (await Server.As("viewer").Get($"/api/v1/work-orders?sku={table}&status=completed")).Ok();
        Assert.Equal(id, listed["items"].EnumerateArray().Single().GetProperty("workOrderId").GetString());
    }

    [Fact]
    public async Task AWorkOrderShortOfAnyMaterialHoldsNothingAndRepeatsItsRefusal()
    {
        var (table, leg, top, screw) = await Products("B");
        await Setup.Receive(Server, Raw, leg, 10, 5m);
        await Setup.Receive(Server, Parts, screw, 100, 0.1m);
        var staff = Server.As("warehouse_staff");
        var body = new { workOrderId = Id("wo-b"), sku = table, quantity = 5, warehouse = Shop };

        var refused = (await staff.Post("/api/v1/work-orders", body)).Problem(409, "INSUFFICIENT_STOCK");

        // 5 tables need 20 legs (10 there) and 5 tops (none); the 60 screws were there but are not held either.
        var shortages = refused["lines"].EnumerateArray().ToDictionary(l => l.GetProperty("sku").GetString()!,
            l => (l.GetProperty("requested").GetDecimal(), l.GetProperty("available").GetDecimal()));
        Assert.Equal(new Dictionary<string, (decimal, decimal)> { [leg] = (20m, 10m), [top] = (5m, 0m) }, shortages);
        Assert.Equal((100m, 0m), await Levels(Parts, screw));
        Assert.Equal((10m, 0m), await Levels(Raw, leg));
        (await staff.Post("/api/v1/work-orders", body)).Problem(409, "INSUFFICIENT_STOCK");
        var stored = (await Server.As("viewer").Get($"/api/v1/work-orders/{body.workOrderId}")).Ok();
        Assert.Equal(("failed", 2), (stored.String("status"), stored["shortages"].GetArrayLength()));
        (await staff.Post($"/api/v1/work-orders/{body.workOrderId}/complete")).Problem(409, "INVALID_TRANSITION");
    }

    [Fact]
    public async Task CancellingReleasesTheMaterialsAndEveryStepIsIdempotent()
    {
        var (table, leg, top, screw) = await Products("C");
        await Setup.Receive(Server, Raw, leg, 8, 5m);
        await Setup.Receive(Server, Raw, top, 2, 40m);
        await Setup.Receive(Server, Parts, screw, 24, 0.1m);
        var staff = Server.As("warehouse_staff");
        var body = new { workOrderId = Id("wo-c"), sku = table, quantity = 2, warehouse = Shop, reference = "MO-7" };

        (await staff.Post("/api/v1/work-orders", body)).Ok(201);
        var repeated = (await staff.Post("/api/v1/work-orders", body)).Ok(201);
        Assert.Equal("reserved", repeated.String("status"));
        Assert.Equal((8m, 8m), await Levels(Raw, leg));
        (await staff.Post("/api/v1/work-orders", body with { quantity = 1 })).Problem(409, "WORK_ORDER_CONFLICT");

        var cancelled = (await staff.Post($"/api/v1/work-orders/{body.workOrderId}/cancel")).Ok();
        Assert.Equal("cancelled", cancelled.String("status"));
        Assert.Equal((8m, 0m), await Levels(Raw, leg));
        Assert.Equal((2m, 0m), await Levels(Raw, top));
        Assert.Equal((24m, 0m), await Levels(Parts, screw));
        Assert.Equal("cancelled", (await staff.Post($"/api/v1/work-orders/{body.workOrderId}/cancel")).Ok().String("status"));
        var complete = (await staff.Post($"/api/v1/work-orders/{body.workOrderId}/complete")).Problem(409, "INVALID_TRANSITION");
        Assert.Equal(("cancelled", "completed"), (complete.String("from"), complete.String("to")));
        Assert.Equal("released", (await Server.As("viewer").Get($"/api/v1/reservations/wo:{body.workOrderId}")).Ok().String("status"));
        Assert.Equal(0m, (await Setup.Position(Server, Shop, table)).Decimal("onHand"));
    }

    [Fact]
    public async Task ACompletionInterruptedAfterTheMaterialsWereCommittedReceivesTheGoodsOnce()
    {
        var (table, leg, top, screw) = await Products("E");
        await Setup.Receive(Server, Raw, leg, 4, 5m);
        await Setup.Receive(Server, Raw, top, 1, 40m);
        await Setup.Receive(Server, Parts, screw, 12, 0.5m);
        var staff = Server.As("warehouse_staff");
        var id = Id("wo-e");
        (await staff.Post("/api/v1/work-orders", new { workOrderId = id, sku = table, quantity = 1, warehouse = Shop })).Ok(201);
        // The materials' reservation is committed as if the service had stopped right after that step.
        Assert.Equal(66m, (await Server.As("sales_staff").Post($"/api/v1/reservations/wo:{id}/commit")).Ok().Decimal("costOfGoods"));

        var completed = (await staff.Post($"/api/v1/work-orders/{id}/complete")).Ok();
        (await staff.Post($"/api/v1/work-orders/{id}/complete")).Ok();

        // 4 x 5 + 40 + 12 x 0.5 = 66 for one table.
        Assert.Equal(("completed", 66m, 66m), (completed.String("status"), completed.Decimal("materialCost"), completed.Decimal("unitCost")));
        Assert.Equal((1m, 0m), await Levels(Shop, table));
        Assert.Equal((0m, 0m), await Levels(Raw, leg));
        Assert.Equal((0m, 0m), await Levels(Parts, screw));
    }

    [Fact]
    public async Task BillsOfMaterialsAndWorkOrdersRefuseBadInputAndWrongRoles()
    {
        var (table, leg, _, screw) = await Products("D");
        var manager = Server.As("manager");

        (await manager.Put($"/api/v1/boms/{table}", new { components = new[] { new { sku = table, warehouse = Raw, quantityPerUnit = 1 } } })).Problem(400, "VALIDATION_FAILED");
        (await manager.Put($"/api/v1/boms/{table}", new { components = new[] { new { sku = leg, warehouse = Raw, quantityPerUnit = 0 } } })).Problem(400, "VALIDATION_FAILED");
        (await manager.Put($"/api/v1/boms/{table}", new { components = Array.Empty<object>() })).Problem(400, "VALIDATION_FAILED");
        (await manager.Put($"/api/v1/boms/{table}", new { components = new[] { new { sku = leg, warehouse = Raw, quantityPerUnit = 1 }, new { sku = leg, warehouse = Raw, quantityPerUnit = 2 } } }))
            .Problem(400, "VALIDATION_FAILED");
        (await manager.Put($"/api/v1/boms/{table}", new { components = new[] { new { sku = "WO-NO-SUCH", warehouse = Raw, quantityPerUnit = 1 } } })).Problem(404, "PRODUCT_NOT_FOUND");
        (await manager.Put($"/api/v1/boms/{table}", new { components = new[] { new { sku = leg, warehouse = "WO-NOWHERE", quantityPerUnit = 1 } } })).Problem(404, "WAREHOUSE_NOT_FOUND");
        (await manager.Put($"/api/v1/boms/{table}", new { components = new[] { new { sku = screw, warehouse = Parts, quantityPerUnit = 0.5 } } })).Problem(400, "UNIT_NOT_CONVERTIBLE");
        (await manager.Put("/api/v1/boms/WO-NO-SUCH", new { components = new[] { new { sku = leg, warehouse = Raw, quantityPerUnit = 1 } } })).Problem(404, "PRODUCT_NOT_FOUND");
        (await Server.As("warehouse_staff").Put($"/api/v1/boms/{table}", new { components = new[] { new { sku = leg, warehouse = Raw, quantityPerUnit = 1 } } })).Problem(403, "FORBIDDEN");
        (await Server.As("sales_staff").Put($"/api/v1/boms/{table}", new { components = new[] { new { sku = leg, warehouse = Raw, quantityPerUnit = 1 } } })).Problem(403, "FORBIDDEN");
        var bom = (await Server.As("viewer").Get($"/api/v1/boms/{table}")).Ok();
        Assert.Equal(3, bom["components"].GetArrayLength());
        (await Server.As("viewer").Get($"/api/v1/boms/{leg}")).Problem(404, "BOM_NOT_FOUND");

        var staff = Server.As("warehouse_staff");
        (await staff.Post("/api/v1/work-orders", new { sku = leg, quantity = 1, warehouse = Shop })).Problem(404, "BOM_NOT_FOUND");
        (await staff.Post("/api/v1/work-orders", new { sku = table, quantity = 0, warehouse = Shop })).Problem(400, "INVALID_QUANTITY");
        (await staff.Post("/api/v1/work-orders", new { sku = table, quantity = 1.5, warehouse = Shop })).Problem(400, "UNIT_NOT_CONVERTIBLE");
        (await staff.Post("/api/v1/work-orders", new { sku = table, warehouse = Shop })).Problem(400, "VALIDATION_FAILED");
        (await staff.Post("/api/v1/work-orders", new { sku = table, quantity = 1, warehouse = "WO-NOWHERE" })).Problem(404, "WAREHOUSE_NOT_FOUND");
        (await Server.As("sales_staff").Post("/api/v1/work-orders", new { sku = table, quantity = 1, warehouse = Shop })).Problem(403, "FORBIDDEN");
        (await Server.As("viewer").Post("/api/v1/work-orders", new { sku = table, quantity = 1, warehouse = Shop })).Problem(403, "FORBIDDEN");
        (await manager.Put($"/api/v1/boms/{table}", new { components = new[] { new { sku = leg, warehouse = "WO-NOSHIP", quantityPerUnit = 1 } } })).Ok(200);
        (await staff.Post("/api/v1/work-orders", new { sku = table, quantity = 1, warehouse = Shop })).Problem(409, "WAREHOUSE_CANNOT_SHIP");
        (await Server.As("viewer").Get("/api/v1/work-orders/wo-never")).Problem(404, "WORK_ORDER_NOT_FOUND");
        (await staff.Post("/api/v1/work-orders/wo-never/complete")).Problem(404, "WORK_ORDER_NOT_FOUND");
        (await staff.Post("/api/v1/work-orders/wo-never/cancel")).Problem(404, "WORK_ORDER_NOT_FOUND");
        (await Server.As("viewer").Get("/api/v1/work-orders?status=lost")).Problem(400, "VALIDATION_FAILED");
    }
}
