using System.Diagnostics.Metrics;
using Inventory.TestSupport;

namespace Inventory.Server.Tests;

/// <summary>The checkout path end to end: catalog, policy, receipts, reserve, get, commit with cost, release.</summary>
[Collection(ServerCollection.Name)]
public sealed class CheckoutTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string Wh = "CK-MAIN";
    private const string Tile = "CK-TILE";
    private const string Grout = "CK-GROUT";
    private TestServer Server => fixture.Server;

    public async Task InitializeAsync()
    {
        await Setup.Warehouse(Server, Wh);
        // Tiles are counted in whole pieces; a box holds 12; one m² is 12.5 pieces.
        await Setup.Product(Server, Tile, "FIFO", "piece", wholeBaseUnit: true,
            conversions: [new { unit = "box", factor = 12, whole = true }, new { unit = "m2", factor = 12.5m }]);
        await Setup.Product(Server, Grout, "AVERAGE", "kg");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheCheckoutPathReservesCommitsWithCostAndReleases()
    {
        var admin = Server.As("admin");
        var sales = Server.As("sales_staff");
        var policy = await admin.Put($"/api/v1/stock/{Wh}/{Tile}/policy",
            new { reorderPoint = 30, reorderQuantity = 120, maxStock = 1000, safetyStock = 10, allowNegative = false });
        policy.Ok();
        Assert.Equal(30m, policy["policy"].GetProperty("reorderPoint").GetDecimal());

        // 10 boxes at 2.00 a piece, then 30 pieces at 2.50: FIFO layers of 120 and 30.
        var first = await Setup.Receive(Server, Wh, Tile, 10, 2.00m, unit: "box");
        Assert.Equal((120m, 120m, "piece"), (first.Decimal("quantity"), first.Decimal("onHand"), first.String("baseUnit")));
        await Setup.Receive(Server, Wh, Tile, 30, 2.50m);
        await Setup.Receive(Server, Wh, Grout, 50.5m, 4m);

        // Available leaves out the safety stock of 10: 150 - 10 = 140.
        var position = await Setup.Position(Server, Wh, Tile);
        Assert.Equal((Tile, Wh, 150m, 0m, 140m), (position.String("sku"), position.String("warehouse"),
            position.Decimal("onHand"), position.Decimal("reserved"), position.Decimal("available")));

        var created = await sales.Post("/api/v1/reservations", new
        {
            lines = new object[]
            {
                new { sku = Tile, warehouse = Wh, quantity = 11, unit = "box" },
                new { sku = Grout, warehouse = Wh, quantity = 2.25m },
            },
            reference = "order-1001",
        });
        created.Ok(201);
        var id = created.String("reservationId")!;
        Assert.Equal("active", created.String("status"));
        Assert.Equal($"/api/v1/reservations/{id}", created.Headers["Location"]);
        var expiresAt = created["expiresAt"].GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
        Assert.Equal(2, created["lines"].GetArrayLength());

        var held = await Setup.Position(Server, Wh, Tile);
        Assert.Equal((150m, 132m, 8m), (held.Decimal("onHand"), held.Decimal("reserved"), held.Decimal("available")));
        Assert.True(held["isLow"].GetBoolean());

        var got = (await Server.As("viewer").Get($"/api/v1/reservations/{id}")).Ok();
        Assert.Equal(("active", "order-1001"), (got.String("status"), got.String("reference")));

        var committed = (await sales.Post($"/api/v1/reservations/{id}/commit")).Ok();
        Assert.Equal("committed", committed.String("status"));
        var lines = committed["lines"].EnumerateArray().ToDictionary(l => l.GetProperty("sku").GetString()!, l => l);
        // FIFO: 120 pieces at 2.00 and then 12 at 2.50 = 240 + 30; grout at its 4.00 average = 9.
        Assert.Equal(270m, lines[Tile].GetProperty("costOfGoods").GetDecimal());
        Assert.Equal(132m, lines[Tile].GetProperty("quantity").GetDecimal());
        Assert.Equal(9m, lines[Grout].GetProperty("costOfGoods").GetDecimal());
        Assert.Equal(279m, committed.Decimal("costOfGoods"));

        var after = await Setup.Position(Server, Wh, Tile);
        Assert.Equal((18m, 0m, 8m), (after.Decimal("onHand"), after.Decimal("reserved"), after.Decimal("available")));

        // Committing again is a harmless repeat with the same costs.
        var again = (await sales.Post($"/api/v1/reservations/{id}/commit")).Ok();
        Assert.Equal(279m, again.Decimal("costOfGoods"));

        var second = (await sales.Post("/api/v1/reservations", new { lines = new[] { new { sku = Tile, warehouse = Wh, quantity = 5 } } })).Ok(201);
        var secondId = second.String("reservationId")!;
        Assert.Equal(5m, (await Setup.Position(Server, Wh, Tile)).Decimal("reserved"));
        var released = (await sales.Post($"/api/v1/reservations/{secondId}/release")).Ok();
        Assert.Equal("released", released.String("status"));
        var final = await Setup.Position(Server, Wh, Tile);
        Assert.Equal((18m, 0m), (final.Decimal("onHand"), final.Decimal("reserved")));

        // Stock left and the reason are in the ledger: received x2, reserved x2, committed, released.
        var ledger = (await Server.As("viewer").Get($"/api/v1/stock/{Wh}/{Tile}/ledger")).Ok();
        var types = ledger["entries"].EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray();
        Assert.Equal(["received", "received", "reserved", "committed", "reserved", "released"], types);
        Assert.All(ledger["entries"].EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("user").GetString())));
        Assert.Equal("sales_staff-user", ledger["entries"][2].GetProperty("user").GetString());
        Assert.Equal("sales_staff", ledger["entries"][2].GetProperty("role").GetString());
    }

    [Fact]
    public async Task AShortReservationHoldsNothingAndListsEveryShortLine()
    {
        const string wh = "CK-SHORT";
        await Setup.Warehouse(Server, wh);
        await Setup.Product(Server, "CK-A");
        await Setup.Product(Server, "CK-B");
        await Setup.Product(Server, "CK-C");
        await Setup.Receive(Server, wh, "CK-A", 10, 1);
        await Setup.Receive(Server, wh, "CK-B", 3, 1);

        var refused = await Server.As("sales_staff").Post("/api/v1/reservations", new
        {
            lines = new object[]
            {
                new { sku = "CK-A", warehouse = wh, quantity = 4 },
                new { sku = "CK-B", warehouse = wh, quantity = 5 },
                new { sku = "CK-C", warehouse = wh, quantity = 1 },
            },
        });

        refused.Problem(409, "INSUFFICIENT_STOCK");
        var shortLines = refused["lines"].EnumerateArray()
            .Select(l => (l.GetProperty("sku").GetString(), l.GetProperty("warehouse").GetString(),
                l.GetProperty("requested").GetDecimal(), l.GetProperty("available").GetDecimal()))
            .OrderBy(l => l.Item1)
            .ToArray();
        Assert.Equal([("CK-B", wh, 5m, 3m), ("CK-C", wh, 1m, 0m)], shortLines);
        Assert.Equal(0m, (await Setup.Position(Server, wh, "CK-A")).Decimal("reserved"));
        Assert.Equal(0m, (await Setup.Position(Server, wh, "CK-B")).Decimal("reserved"));
    }

    [Fact]
    public async Task ReservationsAreExtendedAndRefuseWhatTheirStateForbids()
    {
        const string wh = "CK-STATE";
        await Setup.Stocked(Server, wh, "CK-S", 10);
        var sales = Server.As("sales_staff");

        var created = (await sales.Post("/api/v1/reservations", new
        {
            reservationId = "ck-state-1",
            lines = new[] { new { sku = "CK-S", warehouse = wh, quantity = 2 } },
            ttlSeconds = 60,
        })).Ok(201);
        Assert.InRange(created["expiresAt"].GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));

        var extended = (await sales.Post("/api/v1/reservations/ck-state-1/extend", new { ttlSeconds = 3600 })).Ok();
        Assert.InRange(extended["expiresAt"].GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));

        // Same id, different lines: a conflict, not a second hold.
        (await sales.Post("/api/v1/reservations", new
        {
            reservationId = "ck-state-1",
            lines = new[] { new { sku = "CK-S", warehouse = wh, quantity = 3 } },
        })).Problem(409, "RESERVATION_CONFLICT");
        // Same id, same lines: the first result again.
        var repeated = (await sales.Post("/api/v1/reservations", new
        {
            reservationId = "ck-state-1",
            lines = new[] { new { sku = "CK-S", warehouse = wh, quantity = 2 } },
        })).Ok(201);
        Assert.Equal("active", repeated.String("status"));
        Assert.Equal(2m, (await Setup.Position(Server, wh, "CK-S")).Decimal("reserved"));

        (await sales.Post("/api/v1/reservations/ck-state-1/release")).Ok();
        (await sales.Post("/api/v1/reservations/ck-state-1/commit")).Problem(409, "RESERVATION_NOT_ACTIVE");
        (await sales.Post("/api/v1/reservations/ck-state-1/extend", new { ttlSeconds = 60 })).Problem(409, "RESERVATION_NOT_ACTIVE");
        (await sales.Get("/api/v1/reservations/ck-nobody")).Problem(404, "RESERVATION_NOT_FOUND");
        (await sales.Post("/api/v1/reservations/ck-nobody/commit")).Problem(404, "RESERVATION_NOT_FOUND");
        (await sales.Post("/api/v1/reservations/ck-nobody/release")).Problem(404, "RESERVATION_NOT_FOUND");
        (await sales.Post("/api/v1/reservations", new
        {
            lines = new[] { new { sku = "CK-S", warehouse = wh, quantity = 1 } },
            ttlSeconds = 8 * 24 * 3600,
        })).Problem(400, "INVALID_EXPIRY");
    }

    [Fact]
    public async Task AReservationFromAWarehouseThatCannotShipIsRefused()
    {
        await Setup.Warehouse(Server, "CK-SHOWROOM", canShip: false, type: "showroom");
        await Setup.Product(Server, "CK-SHOW");
        await Setup.Receive(Server, "CK-SHOWROOM", "CK-SHOW", 5, 1);

        var refused = await Server.As("sales_staff").Post("/api/v1/reservations",
            new { lines = new[] { new { sku = "CK-SHOW", warehouse = "CK-SHOWROOM", quantity = 1 } } });

        refused.Problem(409, "WAREHOUSE_CANNOT_SHIP");
        Assert.Equal("CK-SHOWROOM", refused.String("warehouse"));
        Assert.Equal(0m, (await Setup.Position(Server, "CK-SHOWROOM", "CK-SHOW")).Decimal("reserved"));
    }

    [Fact]
    public async Task ACheckoutUnderAGeneratedIdActivatesNoReservationGrain()
    {
        const string wh = "CK-FRESH";
        await Setup.Stocked(Server, wh, "CK-F", 100);
        var sales = Server.As("sales_staff");
        using var activations = new ReservationActivations();

        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
            ids.Add((await sales.Post("/api/v1/reservations", new { lines = new[] { new { sku = "CK-F", warehouse = wh, quantity = 1 } } }))
                .Ok(201).String("reservationId")!);
        var fresh = activations.Count;
        // Under an Idempotency-Key the id is derived from the key, so a duplicate may come: the grain keeps them apart.
        (await sales.Post("/api/v1/reservations", new { lines = new[] { new { sku = "CK-F", warehouse = wh, quantity = 1 } } },
            idempotencyKey: "ck-fresh-keyed")).Ok(201);

        // 20 checkouts, no activation (a background sweep may wake one of another test's reservations); the keyed one has its grain.
        Assert.InRange(fresh, 0, 1);
        Assert.InRange(activations.Count - fresh, 1, 2);
        Assert.Equal(21m, (await Setup.Position(Server, wh, "CK-F")).Decimal("reserved"));
        // The record is durable before the answer: its grain loads it at once.
        Assert.Equal("committed", (await sales.Post($"/api/v1/reservations/{ids[0]}/commit")).Ok().String("status"));
        Assert.Equal("released", (await sales.Post($"/api/v1/reservations/{ids[1]}/release")).Ok().String("status"));
        Assert.Equal("active", (await Server.As("viewer").Get($"/api/v1/reservations/{ids[2]}")).Ok().String("status"));
    }

    /// <summary>Counts Orleans' reservation grain activations in this process (meter Microsoft.Orleans).</summary>
    private sealed class ReservationActivations : IDisposable
    {
        private readonly MeterListener _listener = new();
        private int _count;

        public ReservationActivations()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Microsoft.Orleans" && instrument.Name == "orleans-catalog-activation-created")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<int>((_, value, tags, _) => Add(value, tags));
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add((int)value, tags));
            _listener.Start();
        }

        public int Count => Volatile.Read(ref _count);

        private void Add(int value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "grain_type" && tag.Value as string == "reservation")
                    Interlocked.Add(ref _count, value);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
