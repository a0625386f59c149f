using Inventory.TestSupport;
namespace Inventory.Server.Tests;

/// <summary>Valuation by costing method (JSON and CSV) and reconcile.</summary>
[Collection(ServerCollection.Name)]
public sealed class ReportTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task ValuationIsByCostingMethodInJsonAndCsv()
    {
        await Setup.Warehouse(Server, "RP-MAIN");
        await Setup.Product(Server, "RP-FIFO", "FIFO");
        await Setup.Product(Server, "RP-AVG", "AVERAGE");
        await Setup.Receive(Server, "RP-MAIN", "RP-FIFO", 10, 1m);
        await Setup.Receive(Server, "RP-MAIN", "RP-FIFO", 10, 2m);
        await Setup.Receive(Server, "RP-MAIN", "RP-AVG", 4, 1m);
        await Setup.Receive(Server, "RP-MAIN", "RP-AVG", 4, 2m);
        var manager = Server.As("manager");

        var json = (await manager.Get("/api/v1/reports/valuation?warehouse=RP-MAIN")).Ok();
        Assert.Equal(42m, json.Decimal("totalValue"));
        var byMethod = json["byMethod"].EnumerateArray().ToDictionary(m => m.GetProperty("costingMethod").GetString()!, m => m.GetProperty("value").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { ["AVERAGE"] = 12m, ["FIFO"] = 30m }, byMethod);
        var fifo = json["positions"].EnumerateArray().Single(p => p.GetProperty("sku").GetString() == "RP-FIFO");
        Assert.Equal((20m, 1.5m), (fifo.GetProperty("quantity").GetDecimal(), fifo.GetProperty("unitCost").GetDecimal()));

        var csv = await manager.Get("/api/v1/reports/valuation?warehouse=RP-MAIN&format=csv");
        Assert.Equal(200, csv.Code);
        Assert.Equal("text/csv", csv.ContentType);
        var lines = csv.Text.TrimEnd('\n').Split('\n');
        Assert.Equal("warehouse,sku,costing_method,quantity,unit_cost,value", lines[0]);
        Assert.Contains("RP-MAIN,RP-AVG,AVERAGE,8,1.5,12.0", lines);
        var accepted = await manager.Get("/api/v1/reports/valuation?warehouse=RP-MAIN", new Dictionary<string, string> { ["Accept"] = "text/csv" });
        Assert.Equal(csv.Text, accepted.Text);
    }

    [Fact]
    public async Task ReconcileFindsSnapshotsEqualToTheirLedger()
    {
        await Setup.Stocked(Server, "RP-REC", "RP-REC-SKU", 5);

        var report = (await Server.As("admin").Post("/api/v1/admin/reconcile?warehouse=RP-REC&repair=true")).Ok();

        Assert.Equal(1, report["positionsChecked"].GetInt32());
        Assert.True(report["consistent"].GetBoolean());
        Assert.Equal(0, report["differences"].GetArrayLength());
    }
}
