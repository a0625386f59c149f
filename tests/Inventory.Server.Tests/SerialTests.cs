using Inventory.TestSupport;
namespace Inventory.Server.Tests;

/// <summary>
/// Serial items over HTTP: registration with a receipt, the lifecycle table, invoice/order events moving the position,
/// the history, roles, bad input, and concurrent attempts on one serial where exactly one wins.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class SerialTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string Wh = "SN-MAIN";
    private const string Sku = "SN-PHONE";
    private TestServer Server => fixture.Server;

    public async Task InitializeAsync()
    {
        await Setup.Warehouse(Server, Wh);
        await Setup.Warehouse(Server, "SN-SUPP", canReceive: false, type: "supplier");
        await Setup.Warehouse(Server, "SN-SHOW", canShip: false, type: "showroom");
        await Setup.Product(Server, Sku);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewSerial(string prefix = "S") => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<string[]> Register(int count, decimal unitCost = 10m, string sku = Sku, string warehouse = Wh)
    {
        var serials = Enumerable.Range(0, count).Select(_ => NewSerial()).ToArray();
        (await Server.As("warehouse_staff").Post("/api/v1/serials/receipts", new { warehouse, sku, serials, unitCost, reference = "PO-1" })).Ok(201);
        return serials;
    }

    private Task<Reply> Event(string type, string reference, string role, params string[] serials) =>
        Server.As(role).Post("/api/v1/serials/events", new { type, reference, serials = serials.Select(s => new { sku = Sku, serial = s }).ToArray() });

    private Task<Reply> Move(string serial, string to, string? reference = null) =>
        Server.As("admin").Post($"/api/v1/serials/{Sku}/{serial}/transitions", new { to, reference });

    private async Task<(decimal OnHand, decimal Reserved)> Levels()
    {
        var p = await Setup.Position(Server, Wh, Sku);
        return (p.Decimal("onHand"), p.Decimal("reserved"));
    }

    private async Task<Reply> Item(string serial) => (await Server.As("viewer").Get($"/api/v1/serials/{Sku}/{serial}")).Ok();

    public static TheoryData<string, string, bool> Lifecycle()
    {
        var allowed = new HashSet<(string, string)>
        {
            ("available", "reserved"), ("available", "sold"), ("reserved", "available"), ("reserved", "sold"), ("sold", "delivered"),
        };
        var statuses = new[] { "available", "reserved", "sold", "delivered" };
        var data = new TheoryData<string, string, bool>();
        foreach (var from in statuses)
        {
            foreach (var to in statuses)
                data.Add(from, to, allowed.Contains((from, to)));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lifecycle))]
    public async Task EveryTransitionOfTheLifecycleTableIsAllowedOrRefusedOverHttp(string from, string to, bool allowed)
    {
        var serial = (await Register(1))[0];
        var path = from switch
        {
            "reserved" => new[] { "reserved" },
            "sold" => ["sold"],
            "delivered" => ["sold", "delivered"],
            _ => [],
        };
        foreach (var step in path) (await Move(serial, step)).Ok();
        var before = await Levels();
        var historyBefore = (await Item(serial))["history"].GetArrayLength();

        var reply = await Move(serial, to);

        if (allowed)
        {
            reply.Ok();
            Assert.Equal((from, to, false), (reply.String("from"), reply.String("status"), reply["replayed"].GetBoolean()));
            Assert.Equal(historyBefore + 1, (await Item(serial))["history"].GetArrayLength());
        }
        else
        {
            reply.Problem(409, "INVALID_TRANSITION");
            Assert.Equal((from, to, serial), (reply.String("from"), reply.String("to"), reply.String("serial")));
            Assert.Equal(before, await Levels());
            var item = await Item(serial);
            Assert.Equal((from, historyBefore), (item.String("status"), item["history"].GetArrayLength()));
        }
    }

    [Fact]
    public async Task InvoiceEventsDriveTheSerialsAndTheirPositionAndEveryStepIsInTheHistory()
    {
        var before = await Levels();
        var serials = await Register(3, unitCost: 10m);
        var (a, b, c) = (serials[0], serials[1], serials[2]);
        var invoice = "INV-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal((before.OnHand + 3, before.Reserved), await Levels());

        var created = (await Event("invoice.created", invoice, "sales_staff", a, b)).Ok();
        Assert.Equal("reserved", created.String("status"));
        Assert.All(created["serials"].EnumerateArray(), s => Assert.Equal(("available", "reserved"), (s.GetProperty("from").GetString(), s.GetProperty("status").GetString())));
        Assert.Equal((before.OnHand + 3, before.Reserved + 2), await Levels());

        var repeated = (await Event("invoice.created", invoice, "sales_staff", a, b)).Ok();
        Assert.All(repeated["serials"].EnumerateArray(), s => Assert.True(s.GetProperty("replayed").GetBoolean()));
        Assert.Equal((before.OnHand + 3, before.Reserved + 2), await Levels());

        (await Event("invoice.cancelled", invoice, "sales_staff", b)).Ok();
        Assert.Equal("available", (await Item(b)).String("status"));
        Assert.Equal((before.OnHand + 3, before.Reserved + 1), await Levels());

        var paid = (await Event("invoice.paid", invoice, "sales_staff", a)).Ok();
        Assert.Equal(10m, paid["serials"][0].GetProperty("costOfGoods").GetDecimal());
        Assert.Equal((before.OnHand + 2, before.Reserved), await Levels());

        var order = "SO-" + Guid.NewGuid().ToString("N")[..8];
        (await Event("order.delivered", order, "warehouse_staff", a)).Ok();
        Assert.True((await Event("order.delivered", order, "warehouse_staff", a)).Ok()["serials"][0].GetProperty("replayed").GetBoolean());
        Assert.Equal((before.OnHand + 2, before.Reserved), await Levels());
        (await Event("invoice.paid", invoice, "sales_staff", a)).Problem(409, "INVALID_TRANSITION");

        var item = await Item(a);
        Assert.Equal(("delivered", order, 10m), (item.String("status"), item.String("reference"), item.Decimal("costOfGoods")));
        var history = item["history"].EnumerateArray().Select(h => (
            h.GetProperty("from").GetString(), h.GetProperty("to").GetString(), h.GetProperty("reason").GetString(),
            h.GetProperty("reference").GetString(), h.GetProperty("user").GetString(), h.GetProperty("role").GetString())).ToList();
        Assert.Equal(
        [
            (null, "available", "registered", "PO-1", "warehouse_staff-user", "warehouse_staff"),
            ("available", "reserved", "invoice.created", invoice, "sales_staff-user", "sales_staff"),
            ("reserved", "sold", "invoice.paid", invoice, "sales_staff-user", "sales_staff"),
            ("sold", "delivered", "order.delivered", order, "warehouse_staff-user", "warehouse_staff"),
        ], history);

        var byReference = (await Server.As("viewer").Get($"/api/v1/serials/history?reference={invoice}")).Ok();
        Assert.Equal(4, byReference["entries"].GetArrayLength());
        var listed = (await Server.As("viewer").Get($"/api/v1/serials?sku={Sku}&status=available&limit=1000")).Ok();
        var available = listed["items"].EnumerateArray().Select(i => i.GetProperty("serial").GetString()).ToHashSet();
        Assert.Contains(b, available);
        Assert.Contains(c, available);
        Assert.DoesNotContain(a, available);
    }

    [Fact]
    public async Task ADirectSaleSellsAnAvailableSerialAtItsLayerCost()
    {
        // A position of its own, so FIFO draws from this receipt: one unit at 7.25.
        const string Direct = "SN-DIRECT";
        await Setup.Product(Server, Direct);
        var serials = await Register(2, unitCost: 7.25m, sku: Direct);
        var reference = "CASH-" + serials[0];

        var paid = (await Server.As("sales_staff").Post("/api/v1/serials/events",
            new { type = "invoice.paid", reference, serials = new[] { new { sku = Direct, serial = serials[0] } } })).Ok();

        var moved = paid["serials"][0];
        Assert.Equal(("available", "sold", 7.25m), (moved.GetProperty("from").GetString(), moved.GetProperty("status").GetString(), moved.GetProperty("costOfGoods").GetDecimal()));
        var position = await Setup.Position(Server, Wh, Direct);
        Assert.Equal((1m, 0m), (position.Decimal("onHand"), position.Decimal("reserved")));
        var ledger = (await Server.As("viewer").Get($"/api/v1/reports/movements?sku={Direct}&reference={reference}")).Ok();
        Assert.Equal(new[] { "reserved", "committed" }, ledger["entries"].EnumerateArray().Select(e => e.GetProperty("entry").GetProperty("type").GetString()!).ToArray());
    }

    [Fact]
    public async Task AnEventIsAllOrNothingAndARefusalChangesNothing()
    {
        var serials = await Register(2);
        var first = "INV-" + Guid.NewGuid().ToString("N")[..8];
        (await Event("invoice.created", first, "sales_staff", serials[0])).Ok();
        var before = await Levels();

        var refused = (await Event("invoice.created", "INV-OTHER-" + serials[1], "sales_staff", serials[1], serials[0])).Problem(409, "INVALID_TRANSITION");

        Assert.Equal(1, refused["refused"].GetArrayLength());
        Assert.Equal(("reserved", "reserved"), (refused.String("from"), refused.String("to")));
        Assert.Equal("available", (await Item(serials[1])).String("status"));
        Assert.Equal(before, await Levels());
        var mismatch = (await Event("invoice.cancelled", "INV-NOT-MINE", "sales_staff", serials[0])).Problem(409, "SERIAL_REFERENCE_MISMATCH");
        Assert.Equal(first, mismatch.String("heldFor"));
        (await Event("invoice.paid", "INV-NOT-MINE", "sales_staff", serials[0])).Problem(409, "SERIAL_REFERENCE_MISMATCH");
        Assert.Equal(("reserved", first), ((await Item(serials[0])).String("status"), (await Item(serials[0])).String("reference")));
        Assert.Equal(before, await Levels());
    }

    [Fact]
    public async Task EachEventNeedsItsRole()
    {
        var serial = (await Register(1))[0];

        (await Event("invoice.created", "INV-R1", "warehouse_staff", serial)).Problem(403, "FORBIDDEN");
        (await Event("invoice.created", "INV-R1", "viewer", serial)).Problem(403, "FORBIDDEN");
        (await Event("invoice.created", "INV-R1", "purchaser", serial)).Problem(403, "FORBIDDEN");
        (await Event("invoice.created", "INV-R1", "sales_staff", serial)).Ok();
        (await Event("invoice.paid", "INV-R1", "sales_staff", serial)).Ok();
        (await Event("order.delivered", "SO-R1", "sales_staff", serial)).Problem(403, "FORBIDDEN");
        (await Server.As("sales_staff").Post($"/api/v1/serials/{Sku}/{serial}/transitions", new { to = "delivered" })).Problem(403, "FORBIDDEN");
        (await Event("order.delivered", "SO-R1", "warehouse_staff", serial)).Ok();
        (await Server.As("sales_staff").Post("/api/v1/serials/receipts", new { warehouse = Wh, sku = Sku, serials = new[] { NewSerial() }, unitCost = 1 }))
            .Problem(403, "FORBIDDEN");
        (await Server.As("manager").Get($"/api/v1/serials/{Sku}/{serial}")).Ok();
    }

    [Fact]
    public async Task BadInputIsRefusedAndChangesNothing()
    {
        var serial = (await Register(1))[0];
        var before = await Levels();
        var sales = Server.As("sales_staff");

        (await sales.Post("/api/v1/serials/events", new { type = "invoice.lost", reference = "X", serials = new[] { new { sku = Sku, serial } } })).Problem(400, "VALIDATION_FAILED");
        (await sales.Post("/api/v1/serials/events", new { type = "invoice.created", serials = new[] { new { sku = Sku, serial } } })).Problem(400, "VALIDATION_FAILED");
        (await sales.Post("/api/v1/serials/events", new { type = "invoice.created", reference = "X", serials = Array.Empty<object>() })).Problem(400, "VALIDATION_FAILED");
        (await sales.Post("/api/v1/serials/events", new { type = "invoice.created", reference = "X", serials = new[] { new { sku = Sku, serial }, new { sku = Sku, serial } } }))
            .Problem(400, "VALIDATION_FAILED");
        (await sales.Post("/api/v1/serials/events", new { type = "invoice.created", reference = "X", serials = new[] { new { sku = Sku, serial = "bad/serial" } } }))
            .Problem(400, "VALIDATION_FAILED");
        (await Event("invoice.created", "X", "sales_staff", serial, "NEVER-REGISTERED")).Problem(404, "SERIAL_NOT_FOUND");
        (await sales.Post("/api/v1/serials/events", new { type = "invoice.created", reference = "X", serials = new[] { new { sku = "SN-NO-SUCH", serial } } }))
            .Problem(404, "PRODUCT_NOT_FOUND");
        (await Move(serial, "lost")).Problem(400, "VALIDATION_FAILED");
        (await Server.As("admin").Get($"/api/v1/serials/{Sku}/NEVER-REGISTERED")).Problem(404, "SERIAL_NOT_FOUND");
        (await Server.As("viewer").Get("/api/v1/serials?status=lost")).Problem(400, "VALIDATION_FAILED");

        var staff = Server.As("warehouse_staff");
        (await staff.Post("/api/v1/serials/receipts", new { warehouse = Wh, sku = Sku, serials = new[] { "A", "A" }, unitCost = 1 })).Problem(400, "VALIDATION_FAILED");
        (await staff.Post("/api/v1/serials/receipts", new { warehouse = Wh, sku = Sku, serials = new[] { NewSerial() } })).Problem(400, "VALIDATION_FAILED");
        (await staff.Post("/api/v1/serials/receipts", new { warehouse = Wh, sku = Sku, serials = new[] { NewSerial() }, unitCost = -1 })).Problem(400, "INVALID_UNIT_COST");
        (await staff.Post("/api/v1/serials/receipts", new { warehouse = "SN-SUPP", sku = Sku, serials = new[] { NewSerial() }, unitCost = 1 })).Problem(409, "WAREHOUSE_CANNOT_RECEIVE");
        (await staff.Post("/api/v1/serials/receipts", new { warehouse = Wh, sku = "SN-NO-SUCH", serials = new[] { NewSerial() }, unitCost = 1 })).Problem(404, "PRODUCT_NOT_FOUND");

        Assert.Equal(before, await Levels());
        Assert.Equal("available", (await Item(serial)).String("status"));

        // A showroom does not ship: its serials can be neither reserved nor sold.
        var shown = (await Register(1, warehouse: "SN-SHOW"))[0];
        (await Event("invoice.created", "INV-SHOW", "sales_staff", shown)).Problem(409, "WAREHOUSE_CANNOT_SHIP");
        (await Move(shown, "sold")).Problem(409, "WAREHOUSE_CANNOT_SHIP");
        Assert.Equal("available", (await Item(shown)).String("status"));
    }

    [Fact]
    public async Task AReceiptRegistersAllItsSerialsOrNoneAndARetryReceivesOnce()
    {
        var staff = Server.As("warehouse_staff");
        var taken = (await Register(1))[0];
        var fresh = NewSerial();
        var before = await Levels();

        var refused = (await staff.Post("/api/v1/serials/receipts", new { warehouse = Wh, sku = Sku, serials = new[] { fresh, taken }, unitCost = 3 }))
            .Problem(409, "SERIAL_ALREADY_REGISTERED");
        Assert.Equal(new[] { taken }, refused["serials"].EnumerateArray().Select(s => s.GetString()!).ToArray());
        (await Server.As("viewer").Get($"/api/v1/serials/{Sku}/{fresh}")).Problem(404, "SERIAL_NOT_FOUND");
        Assert.Equal(before, await Levels());

        var receiptId = "rcpt-" + Guid.NewGuid().ToString("N")[..8];
        var body = new { receiptId, warehouse = Wh, sku = Sku, serials = new[] { fresh, NewSerial() }, unitCost = 3 };
        var first = (await staff.Post("/api/v1/serials/receipts", body)).Ok(201);
        var retry = (await staff.Post("/api/v1/serials/receipts", body)).Ok(200);

        Assert.Equal((2, 0, false), (first["registered"].GetArrayLength(), first["alreadyRegistered"].GetArrayLength(), first["replayed"].GetBoolean()));
        Assert.Equal((0, 2, true), (retry["registered"].GetArrayLength(), retry["alreadyRegistered"].GetArrayLength(), retry["replayed"].GetBoolean()));
        Assert.Equal((before.OnHand + 2, before.Reserved), await Levels());
        Assert.Equal((Wh, "available", receiptId), ((await Item(fresh)).String("warehouse"), (await Item(fresh)).String("status"), (await Item(fresh)).String("receiptId")));
    }

    [Fact]
    public async Task AMoveInterruptedAfterThePositionStepIsFinishedByRepeatingItWithoutHoldingTwice()
    {
        var serial = (await Register(1))[0];
        var before = await Levels();
        // The position already holds the unit under the hold id of the item's next step (sequence 2), as if the
        // service had stopped after reserving at the position and before saving the item.
        (await Server.As("sales_staff").Post("/api/v1/reservations", new
        {
            reservationId = $"serial:{Sku}:{serial}:2",
            lines = new[] { new { sku = Sku, warehouse = Wh, quantity = 1 } },
        })).Ok(201);
        Assert.Equal((before.OnHand, before.Reserved + 1), await Levels());

        (await Event("invoice.created", "INV-INT-" + serial, "sales_staff", serial)).Ok();

        Assert.Equal((before.OnHand, before.Reserved + 1), await Levels());
        Assert.Equal("reserved", (await Item(serial)).String("status"));
        (await Event("invoice.paid", "INV-INT-" + serial, "sales_staff", serial)).Ok();
        Assert.Equal((before.OnHand - 1, before.Reserved), await Levels());
    }

    [Fact]
    public async Task OfManyConcurrentReservationsOfOneSerialExactlyOneWins()
    {
        var serial = (await Register(1))[0];
        var before = await Levels();

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => Event("invoice.created", $"INV-RACE-{i}", "sales_staff", serial))));

        Assert.Single(replies, r => r.Code == 200);
        Assert.All(replies.Where(r => r.Code != 200), r => r.Problem(409, "INVALID_TRANSITION"));
        Assert.Equal((before.OnHand, before.Reserved + 1), await Levels());
        var item = await Item(serial);
        var winner = replies.Single(r => r.Code == 200)["serials"][0].GetProperty("reference").GetString();
        Assert.Equal(("reserved", winner, 2), (item.String("status"), item.String("reference"), item["history"].GetArrayLength()));
    }

    [Fact]
    public async Task OfManyConcurrentDirectSalesOfOneSerialExactlyOneWinsAndOneUnitLeaves()
    {
        var serial = (await Register(1))[0];
        var before = await Levels();

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => Event("invoice.paid", $"CASH-RACE-{i}", i % 2 == 0 ? "sales_staff" : "manager", serial))));

        Assert.Single(replies, r => r.Code == 200);
        Assert.All(replies.Where(r => r.Code != 200), r => r.Problem(409, "INVALID_TRANSITION"));
        Assert.Equal((before.OnHand - 1, before.Reserved), await Levels());
        Assert.Equal(2, (await Item(serial))["history"].GetArrayLength());
    }

    [Fact]
    public async Task OfManyConcurrentReceiptsOfOneSerialExactlyOneRegistersIt()
    {
        var serial = NewSerial("RACE");
        var before = await Levels();

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Server.As("warehouse_staff").Post("/api/v1/serials/receipts",
            new { receiptId = $"race-{serial}-{i}", warehouse = Wh, sku = Sku, serials = new[] { serial }, unitCost = 1 }))));

        Assert.Single(replies, r => r.Code == 201);
        Assert.All(replies.Where(r => r.Code != 201), r => r.Problem(409, "SERIAL_ALREADY_REGISTERED"));
        Assert.Equal((before.OnHand + 1, before.Reserved), await Levels());
    }

    [Fact]
    public async Task SerialWorkOrderAndReportRoutesAreInTheOpenApiDocument()
    {
        var doc = (await Server.Anonymous.Get("/openapi/v1.json")).Ok();
        var paths = doc["paths"].EnumerateObject().Select(p => p.Name).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "/api/v1/serials/events", "/api/v1/serials/receipts", "/api/v1/serials/{sku}/{serial}/transitions", "/api/v1/serials/history",
            "/api/v1/boms/{sku}", "/api/v1/work-orders", "/api/v1/work-orders/{id}/complete", "/api/v1/work-orders/{id}/cancel",
            "/api/v1/reports/movements", "/api/v1/reports/analytics",
        }, paths);
    }
}
