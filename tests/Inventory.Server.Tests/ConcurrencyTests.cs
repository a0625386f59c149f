using System.Diagnostics;
using Inventory.TestSupport;
using Xunit.Abstractions;

namespace Inventory.Server.Tests;

/// <summary>A flash sale over real HTTP: never oversell.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConcurrencyTests(ServerFixture fixture, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task AThousandConcurrentReservationsOfOneAgainstAHundredOnHandSellExactlyAHundred()
    {
        await Setup.Stocked(Server, "CC-MAIN", "CC-HOT", 100);
        var sales = Server.As("sales_staff");
        var body = new { lines = new[] { new { sku = "CC-HOT", warehouse = "CC-MAIN", quantity = 1 } } };
        var stopwatch = Stopwatch.StartNew();

        var replies = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => sales.Post("/api/v1/reservations", body))));

        output.WriteLine($"1000 reservations in {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(100, replies.Count(r => r.Code == 201));
        Assert.All(replies.Where(r => r.Code != 201), r => r.Problem(409, "INSUFFICIENT_STOCK"));
        Assert.Equal(100, replies.Where(r => r.Code == 201).Select(r => r.String("reservationId")).Distinct().Count());
        var position = await Setup.Position(Server, "CC-MAIN", "CC-HOT");
        Assert.Equal((100m, 100m, 0m), (position.Decimal("onHand"), position.Decimal("reserved"), position.Decimal("available")));

        var reconcile = (await Server.As("admin").Post("/api/v1/admin/reconcile?warehouse=CC-MAIN&sku=CC-HOT")).Ok();
        Assert.Equal(1, reconcile["positionsChecked"].GetInt32());
        Assert.True(reconcile["consistent"].GetBoolean());
    }
}
