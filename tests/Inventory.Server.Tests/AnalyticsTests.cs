using System.Globalization;
using System.Text.Json;
using Inventory.TestSupport;

namespace Inventory.Server.Tests;

/// <summary>
/// Valuation per warehouse and product, movement history with filters, and the analytics formulas, each checked
/// against figures worked out by hand in the comments.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class AnalyticsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    /// <summary>Reserves and commits <paramref name="quantity"/> (one checkout); returns its cost of goods.</summary>
    private async Task<decimal> Issue(string warehouse, string sku, decimal quantity, string? reference = null)
    {
        var sales = Server.As("sales_staff");
        var created = (await sales.Post("/api/v1/reservations", new { lines = new[] { new { sku, warehouse, quantity } }, reference })).Ok(201);
        return (await sales.Post($"/api/v1/reservations/{created.String("reservationId")}/commit")).Ok().Decimal("costOfGoods");
    }

    [Fact]
    public async Task ValuationIsPerWarehouseAndPerProductByCostingMethod()
    {
        await Setup.Warehouse(Server, "RA-W1");
        await Setup.Warehouse(Server, "RA-W2");
        await Setup.Product(Server, "RA-FIFO", "FIFO");
        await Setup.Product(Server, "RA-LIFO", "LIFO");
        await Setup.Product(Server, "RA-AVG", "AVERAGE");
        // FIFO at W1: 10 @ 1 + 10 @ 2, issue 15 = 10 @ 1 + 5 @ 2 = 20; left 5 @ 2 = 10. At W2: 4 @ 3 = 12.
        await Setup.Receive(Server, "RA-W1", "RA-FIFO", 10, 1m);
        await Setup.Receive(Server, "RA-W1", "RA-FIFO", 10, 2m);
        Assert.Equal(20m, await Issue("RA-W1", "RA-FIFO", 15));
        await Setup.Receive(Server, "RA-W2", "RA-FIFO", 4, 3m);
        // LIFO at W1: the same receipts, issue 15 = 10 @ 2 + 5 @ 1 = 25; left 5 @ 1 = 5.
        await Setup.Receive(Server, "RA-W1", "RA-LIFO", 10, 1m);
        await Setup.Receive(Server, "RA-W1", "RA-LIFO", 10, 2m);
        Assert.Equal(25m, await Issue("RA-W1", "RA-LIFO", 15));
        // Average at W1: 4 @ 1 + 4 @ 2 = 8 @ 1.5; issue 2 = 3; left 6 @ 1.5 = 9.
        await Setup.Receive(Server, "RA-W1", "RA-AVG", 4, 1m);
        await Setup.Receive(Server, "RA-W1", "RA-AVG", 4, 2m);
        Assert.Equal(3m, await Issue("RA-W1", "RA-AVG", 2));
        var manager = Server.As("manager");

        var w1 = (await manager.Get("/api/v1/reports/valuation?warehouse=RA-W1")).Ok();
        Assert.Equal(24m, w1.Decimal("totalValue"));
        var warehouse = w1["byWarehouse"].EnumerateArray().Single();
        Assert.Equal(("RA-W1", 3, 24m), (warehouse.GetProperty("warehouse").GetString(), warehouse.GetProperty("positions").GetInt32(), warehouse.GetProperty("value").GetDecimal()));
        Assert.Equal(new Dictionary<string, decimal> { ["AVERAGE"] = 9m, ["FIFO"] = 10m, ["LIFO"] = 5m },
            warehouse.GetProperty("byMethod").EnumerateArray().ToDictionary(m => m.GetProperty("costingMethod").GetString()!, m => m.GetProperty("value").GetDecimal()));

        var fifo = (await manager.Get("/api/v1/reports/valuation?sku=RA-FIFO")).Ok();
        var product = fifo["byProduct"].EnumerateArray().Single();
        // 5 @ 2 at W1 + 4 @ 3 at W2 = 9 units worth 22, i.e. 22 / 9 each.
        Assert.Equal(("RA-FIFO", "FIFO", 2, 9m, 22m, 22m / 9m), (product.GetProperty("sku").GetString(), product.GetProperty("costingMethod").GetString(),
            product.GetProperty("positions").GetInt32(), product.GetProperty("quantity").GetDecimal(), product.GetProperty("value").GetDecimal(),
            product.GetProperty("unitCost").GetDecimal()));
        Assert.Equal(2, fifo["byWarehouse"].GetArrayLength());

        var productCsv = (await manager.Get("/api/v1/reports/valuation?sku=RA-FIFO&format=csv&groupBy=product")).Text.TrimEnd('\n').Split('\n');
        Assert.Equal("sku,costing_method,positions,quantity,unit_cost,value", productCsv[0]);
        Assert.Equal($"RA-FIFO,FIFO,2,9,{(22m / 9m).ToString(CultureInfo.InvariantCulture)},22", productCsv[1]);
        var warehouseCsv = (await manager.Get("/api/v1/reports/valuation?warehouse=RA-W1&format=csv&groupBy=warehouse")).Text.TrimEnd('\n').Split('\n');
        Assert.Equal(["warehouse,costing_method,positions,value", "RA-W1,AVERAGE,1,9.0", "RA-W1,FIFO,1,10", "RA-W1,LIFO,1,5"], warehouseCsv);
        (await manager.Get("/api/v1/reports/valuation?groupBy=colour")).Problem(400, "VALIDATION_FAILED");
        (await Server.As("viewer").Get("/api/v1/reports/valuation")).Problem(403, "FORBIDDEN");
    }

    [Fact]
    public async Task MovementHistoryFiltersByWarehouseSkuTypeReferenceAndTimeAndPages()
    {
        await Setup.Warehouse(Server, "RM-MAIN");
        await Setup.Warehouse(Server, "RM-OTHER");
        await Setup.Product(Server, "RM-SKU");
        await Setup.Receive(Server, "RM-MAIN", "RM-SKU", 10, 2m);
        await Setup.Receive(Server, "RM-OTHER", "RM-SKU", 10, 2m);
        var order = "RM-ORDER-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(8m, await Issue("RM-MAIN", "RM-SKU", 4, order));
        var viewer = Server.As("viewer");

        var all = (await viewer.Get("/api/v1/reports/movements?warehouse=RM-MAIN&sku=RM-SKU")).Ok();
        var types = all["entries"].EnumerateArray().Select(e => e.GetProperty("entry").GetProperty("type").GetString()!).ToArray();
        Assert.Equal(["received", "reserved", "committed"], types);
        Assert.All(all["entries"].EnumerateArray(), e => Assert.Equal("RM-MAIN", e.GetProperty("warehouse").GetString()));
        Assert.Equal(JsonValueKind.Null, all["nextAfterSeq"].ValueKind);

        var committed = (await viewer.Get("/api/v1/reports/movements?sku=RM-SKU&type=committed")).Ok()["entries"].EnumerateArray().Single().GetProperty("entry");
        Assert.Equal((4m, 8m, order), (committed.GetProperty("quantity").GetDecimal(), committed.GetProperty("totalCost").GetDecimal(), committed.GetProperty("reference").GetString()));
        Assert.Equal(2, (await viewer.Get("/api/v1/reports/movements?sku=RM-SKU&type=received,committed&warehouse=RM-MAIN")).Ok()["entries"].GetArrayLength());
        Assert.Equal(2, (await viewer.Get($"/api/v1/reports/movements?reference={order}")).Ok()["entries"].GetArrayLength());
        var at = committed.GetProperty("at").GetDateTimeOffset();
        var since = Uri.EscapeDataString(at.ToString("O"));
        Assert.Equal(["committed"], (await viewer.Get($"/api/v1/reports/movements?warehouse=RM-MAIN&sku=RM-SKU&from={since}")).Ok()["entries"].EnumerateArray()
            .Select(e => e.GetProperty("entry").GetProperty("type").GetString()!).ToArray());
        Assert.Equal(2, (await viewer.Get($"/api/v1/reports/movements?warehouse=RM-MAIN&sku=RM-SKU&to={since}")).Ok()["entries"].GetArrayLength());

        var first = (await viewer.Get("/api/v1/reports/movements?sku=RM-SKU&limit=2")).Ok();
        var next = first["nextAfterSeq"].GetInt64();
        var second = (await viewer.Get($"/api/v1/reports/movements?sku=RM-SKU&limit=2&afterSeq={next}")).Ok();
        Assert.Equal((2, 2), (first["entries"].GetArrayLength(), second["entries"].GetArrayLength()));
        Assert.True(second["entries"][0].GetProperty("entry").GetProperty("ledgerSeq").GetInt64() > next);
        Assert.Equal(JsonValueKind.Null, second["nextAfterSeq"].ValueKind);

        var csv = (await viewer.Get("/api/v1/reports/movements?warehouse=RM-MAIN&sku=RM-SKU&format=csv")).Text.TrimEnd('\n').Split('\n');
        Assert.StartsWith("ledger_seq,warehouse,sku,sequence,type,quantity,unit_cost,total_cost", csv[0]);
        Assert.Equal(4, csv.Length);
        Assert.Contains($",RM-MAIN,RM-SKU,3,committed,4,2,8,6,0,{order},", csv[3]);

        (await viewer.Get("/api/v1/reports/movements?type=stolen")).Problem(400, "VALIDATION_FAILED");
        (await viewer.Get("/api/v1/reports/movements?limit=0")).Problem(400, "VALIDATION_FAILED");
        (await viewer.Get($"/api/v1/reports/movements?from={since}&to={since}")).Problem(400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task TurnoverCoverDeadStockAndTopMoversMatchTheFiguresWorkedOutByHand()
    {
        const string Wh = "RN-MAIN";
        await Setup.Warehouse(Server, Wh);
        foreach (var sku in new[] { "RN-A", "RN-B", "RN-C" }) await Setup.Product(Server, sku, "FIFO");
        // Before the period: A 100 @ 2 = 200, B 10 @ 5 = 50, C 20 @ 100 = 2000. Opening value 2250.
        await Setup.Receive(Server, Wh, "RN-A", 100, 2m);
        await Setup.Receive(Server, Wh, "RN-B", 10, 5m);
        await Setup.Receive(Server, Wh, "RN-C", 20, 100m);
        // In the period: A issues 30 (60), C issues 5 (500), A receives 50 @ 3 (150), A issues 40 (FIFO: 40 @ 2 = 80).
        Assert.Equal(60m, await Issue(Wh, "RN-A", 30));
        Assert.Equal(500m, await Issue(Wh, "RN-C", 5));
        await Setup.Receive(Server, Wh, "RN-A", 50, 3m);
        Assert.Equal(80m, await Issue(Wh, "RN-A", 40));
        // The period starts at A's first reservation and lasts exactly 10 days.
        var ledger = (await Server.As("viewer").Get($"/api/v1/stock/{Wh}/RN-A/ledger")).Ok();
        var from = ledger["entries"].EnumerateArray().First(e => e.GetProperty("type").GetString() == "reserved").GetProperty("at").GetDateTimeOffset();
        var to = from.AddDays(10);
        string Url(int deadDays) => $"/api/v1/reports/analytics?warehouse={Wh}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}&deadStockDays={deadDays}";

        var report = (await Server.As("viewer").Get(Url(30))).Ok();

        Assert.Equal(10m, report.Decimal("days"));
        var positions = report["positions"].EnumerateArray().ToDictionary(p => p.GetProperty("sku").GetString()!);
        var a = positions["RN-A"];
        // A: on hand 100 -> 80, value 200 -> 30 @ 2 + 50 @ 3 = 210, average 205; issued 70 costing 140.
        Assert.Equal((100m, 80m, 200m, 210m, 205m), (a.GetProperty("openingOnHand").GetDecimal(), a.GetProperty("closingOnHand").GetDecimal(),
            a.GetProperty("openingValue").GetDecimal(), a.GetProperty("closingValue").GetDecimal(), a.GetProperty("averageValue").GetDecimal()));
        Assert.Equal((70m, 140m, 7m), (a.GetProperty("quantityIssued").GetDecimal(), a.GetProperty("costOfGoodsIssued").GetDecimal(), a.GetProperty("averageDailyIssues").GetDecimal()));
        // Turnover 140 / 205; cover 80 / 7 per day = 80 x 10 / 70 days.
        Assert.Equal(140m / 205m, a.GetProperty("turnover").GetDecimal());
        Assert.Equal(80m * 10m / 70m, a.GetProperty("daysOfCover").GetDecimal());
        var c = positions["RN-C"];
        // C: value 2000 -> 1500, average 1750; turnover 500 / 1750; cover 15 x 10 / 5 = 30 days.
        Assert.Equal((500m / 1750m, 30m), (c.GetProperty("turnover").GetDecimal(), c.GetProperty("daysOfCover").GetDecimal()));
        var b = positions["RN-B"];
        // B never issued: turnover 0 / 50 = 0, cover undefined.
        Assert.Equal((0m, JsonValueKind.Null), (b.GetProperty("turnover").GetDecimal(), b.GetProperty("daysOfCover").ValueKind));
        // Totals: 2250 -> 210 + 50 + 1500 = 1760, average 2005, cost of goods 640.
        var totals = report["totals"];
        Assert.Equal((2250m, 1760m, 2005m, 640m, 640m / 2005m), (totals.GetProperty("openingValue").GetDecimal(), totals.GetProperty("closingValue").GetDecimal(),
            totals.GetProperty("averageValue").GetDecimal(), totals.GetProperty("costOfGoodsIssued").GetDecimal(), totals.GetProperty("turnover").GetDecimal()));
        // Top movers: by quantity A (70) then C (5); by value C (500) then A (140). B issued nothing and is no mover.
        Assert.Equal(["RN-A", "RN-C"], report["topByQuantity"].EnumerateArray().Select(m => m.GetProperty("sku").GetString()!).ToArray());
        Assert.Equal(["RN-C", "RN-A"], report["topByValue"].EnumerateArray().Select(m => m.GetProperty("sku").GetString()!).ToArray());
        // Dead stock over 30 days before the end: only B (never issued, 10 on hand worth 50).
        var dead = report["deadStock"].EnumerateArray().Single();
        Assert.Equal(("RN-B", 10m, 50m), (dead.GetProperty("sku").GetString(), dead.GetProperty("onHand").GetDecimal(), dead.GetProperty("value").GetDecimal()));
        // Over the last 5 days before the end (day 5 to 10) nothing was issued: all three are dead.
        Assert.Equal(["RN-A", "RN-B", "RN-C"], (await Server.As("viewer").Get(Url(5))).Ok()["deadStock"].EnumerateArray()
            .Select(d => d.GetProperty("sku").GetString()!).ToArray());
        var topOne = (await Server.As("viewer").Get(Url(30) + "&top=1")).Ok();
        Assert.Equal(("RN-A", "RN-C"), (topOne["topByQuantity"].EnumerateArray().Single().GetProperty("sku").GetString(),
            topOne["topByValue"].EnumerateArray().Single().GetProperty("sku").GetString()));
    }

    [Fact]
    public async Task AnalyticsRefusesABadPeriodAndBadLimits()
    {
        var viewer = Server.As("viewer");
        var now = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));

        (await viewer.Get($"/api/v1/reports/analytics?from={now}&to={now}")).Problem(400, "VALIDATION_FAILED");
        (await viewer.Get("/api/v1/reports/analytics?deadStockDays=0")).Problem(400, "VALIDATION_FAILED");
        (await viewer.Get("/api/v1/reports/analytics?top=1000")).Problem(400, "VALIDATION_FAILED");
        (await viewer.Get("/api/v1/reports/analytics?warehouse=RN-NOWHERE")).Ok();
        (await Server.Anonymous.Get("/api/v1/reports/analytics")).Problem(401, "UNAUTHORIZED");
    }
}
