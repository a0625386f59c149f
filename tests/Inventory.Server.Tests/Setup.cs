using Inventory.TestSupport;
namespace Inventory.Server.Tests;

/// <summary>Catalog and stock set-up through the public API (as the admin role).</summary>
public static class Setup
{
    public static async Task Warehouse(TestServer server, string code, bool canShip = true, bool canReceive = true,
        string type = "warehouse", bool isDefault = false)
    {
        var reply = await server.As("admin").Put($"/api/v1/warehouses/{code}",
            new { name = "Warehouse " + code, type, canShip, canReceive, isDefault });
        Assert.True(reply.Code is 200 or 201, reply.Text);
    }

    public static async Task Product(TestServer server, string sku, string costingMethod = "FIFO", string baseUnit = "piece",
        bool wholeBaseUnit = false, object[]? conversions = null)
    {
        var reply = await server.As("admin").Put($"/api/v1/products/{sku}", new
        {
            name = "Product " + sku,
            type = "FINISHED",
            baseUnit,
            wholeBaseUnit,
            conversions = conversions ?? [],
            costingMethod,
            leadTimeDays = 3,
        });
        Assert.True(reply.Code is 200 or 201, reply.Text);
    }

    public static async Task<Reply> Receive(TestServer server, string warehouse, string sku, decimal quantity, decimal unitCost, string? unit = null) =>
        (await server.As("admin").Post($"/api/v1/stock/{warehouse}/{sku}/receipts", new { quantity, unit, unitCost })).Ok();

    public static async Task<Reply> Position(TestServer server, string warehouse, string sku) =>
        (await server.As("viewer").Get($"/api/v1/stock/{warehouse}/{sku}")).Ok();

    /// <summary>A product and a warehouse with <paramref name="onHand"/> received at <paramref name="unitCost"/>.</summary>
    public static async Task Stocked(TestServer server, string warehouse, string sku, decimal onHand, decimal unitCost = 1m)
    {
        await Warehouse(server, warehouse);
        await Product(server, sku);
        if (onHand > 0) await Receive(server, warehouse, sku, onHand, unitCost);
    }
}
