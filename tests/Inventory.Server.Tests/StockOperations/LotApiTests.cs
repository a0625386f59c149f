using System.Text.Json;
using Inventory.TestSupport;

namespace Inventory.Server.Tests.StockOperations;

/// <summary>
/// Lots over HTTP: receipts with lot attributes, on hand per lot, FEFO picking for a commit, expired lots never
/// picked and written off with an expired movement. Dates are relative to the server's today (UTC).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class LotApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string Sku = "LOT-MILK";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private TestServer Server => fixture.Server;

    public async Task InitializeAsync()
    {
        var reply = await Server.As("admin").Put($"/api/v1/products/{Sku}", new
        {
            name = "Milk",
            type = "FINISHED",
            baseUnit = "bottle",
            wholeBaseUnit = true,
            costingMethod = "FIFO",
            removalStrategy = "FEFO",
            conversions = new[] { new { unit = "crate", factor = 6, whole = true } },
        });
        Assert.True(reply.Code is 200 or 201, reply.Text);
        Assert.Equal("FEFO", reply.String("removalStrategy"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_commit_picks_the_first_expiring_lot_never_an_expired_one_and_expired_lots_are_written_off()
    {
        const string wh = "LOT-A";
        await Setup.Warehouse(Server, wh);
        var clerk = Server.As("warehouse_staff");
        var path = $"/api/v1/stock/{wh}/{Sku}";
        // lot L-LATE 12 @ 0.50 (expires in 30 days), L-SOON 12 @ 0.80 (in 5 days), L-OLD 6 @ 0.10 (expired yesterday)
        (await clerk.Post(path + "/receipts", new
        {
            quantity = 2,
            unit = "crate",
            unitCost = 0.50m,
            lot = "L-LATE",
            expiresOn = Day(30),
            manufacturedOn = Day(-10),
            supplier = "DAIRY",
            purchaseOrder = "PO-M1"
        })).Ok();
        (await clerk.Post(path + "/receipts", new { quantity = 12, unitCost = 0.80m, lot = "L-SOON", expiresOn = Day(5) })).Ok();
        (await clerk.Post(path + "/receipts", new { quantity = 6, unitCost = 0.10m, lot = "L-OLD", expiresOn = Day(-1) })).Ok();

        var lots = (await Server.As("viewer").Get(path + "/lots")).Ok();
        Assert.Equal((30m, 6m, 24m, "FEFO"), (lots.Decimal("onHand"), lots.Decimal("expired"), lots.Decimal("available"), lots.String("removalStrategy")));
        Assert.Equal([("L-LATE", 12m, false), ("L-SOON", 12m, false), ("L-OLD", 6m, true)],
            lots["lots"].EnumerateArray().Select(l => (l.GetProperty("lot").GetString(), l.GetProperty("onHand").GetDecimal(), l.GetProperty("expired").GetBoolean())));
        Assert.Equal("DAIRY", lots["lots"][0].GetProperty("supplier").GetString());

        // 25 cannot be promised (24 unexpired); 15 can: FEFO takes all of L-SOON then 3 of L-LATE
        var sales = Server.As("sales_staff");
        (await sales.Post("/api/v1/reservations", new { lines = new[] { new { warehouse = wh, sku = Sku, quantity = 25 } } })).Problem(409, "INSUFFICIENT_STOCK");
        var reservation = (await sales.Post("/api/v1/reservations", new { lines = new[] { new { warehouse = wh, sku = Sku, quantity = 15 } } })).Ok(201);
        var committed = (await sales.Post($"/api/v1/reservations/{reservation.String("reservationId")}/commit")).Ok();
        // 12 x 0.80 + 3 x 0.50 = 9.60 + 1.50 = 11.10, charged per layer picked
        Assert.Equal(11.10m, committed["lines"][0].GetProperty("costOfGoods").GetDecimal());
        var commit = LastEntry(await Ledger(wh), "committed");
        Assert.Equal([("L-SOON", 12m), ("L-LATE", 3m)],
            commit.GetProperty("draws").EnumerateArray().Select(d => (d.GetProperty("lot").GetString(), d.GetProperty("quantity").GetDecimal())));

        // the expired lot goes with an expired movement: written_off, reason expired, 6 x 0.10
        var writtenOff = (await clerk.Post(path + "/write-offs/expired", new { reference = "weekly sweep" })).Ok();
        Assert.Equal((-6m, 0.60m, 9m), (writtenOff.Decimal("quantity"), writtenOff.Decimal("costOfGoods"), writtenOff.Decimal("onHand")));
        var entry = LastEntry(await Ledger(wh), "written_off");
        Assert.Equal(("expired", "available", "L-OLD"), (entry.GetProperty("reason").GetString(), entry.GetProperty("fromStatus").GetString(),
            entry.GetProperty("draws")[0].GetProperty("lot").GetString()));
        Assert.Equal(0m, (await Server.As("viewer").Get(path + "/lots")).Ok().Decimal("expired"));
    }

    [Theory]
    [InlineData("FIFO", 0.50)]  // oldest receipt first: L1 5 @ 0.50
    [InlineData("LIFO", 0.70)]  // newest first: L2 5 @ 0.70
    public async Task Without_a_strategy_of_its_own_a_product_picks_by_its_costing_method(string costingMethod, decimal unitCost)
    {
        var sku = "LOT-CM-" + costingMethod;
        var wh = "LOT-CM-" + costingMethod;
        await Setup.Warehouse(Server, wh);
        await Setup.Product(Server, sku, costingMethod);
        var clerk = Server.As("warehouse_staff");
        (await clerk.Post($"/api/v1/stock/{wh}/{sku}/receipts", new { quantity = 5, unitCost = 0.50m, lot = "L1", expiresOn = Day(9) })).Ok();
        (await clerk.Post($"/api/v1/stock/{wh}/{sku}/receipts", new { quantity = 5, unitCost = 0.70m, lot = "L2", expiresOn = Day(3) })).Ok();

        await Setup.Warehouse(Server, wh + "-TO");

        var transfer = (await clerk.Post("/api/v1/transfers", new { from = wh, to = wh + "-TO", sku, quantity = 5 })).Ok(201);

        Assert.Equal(5m * unitCost, transfer.Decimal("costOfGoods"));
    }

    private async Task<JsonElement> Ledger(string wh) =>
        (await Server.As("viewer").Get($"/api/v1/stock/{wh}/{Sku}/ledger?limit=1000")).Ok()["entries"];

    private static JsonElement LastEntry(JsonElement entries, string type) =>
        entries.EnumerateArray().Last(e => e.GetProperty("type").GetString() == type);
}
