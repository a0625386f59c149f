using Inventory.Domain;
using Inventory.Grains.Transfers;

namespace Inventory.Grains.Tests.Operations;

public sealed class TransferGrainTests
{
    private static readonly Actor Clerk = OperationsHost.Clerk;

    [Fact]
    public async Task A_transfer_interrupted_between_ship_and_receive_is_finished_by_the_sweep_exactly_once()
    {
        await using var host = await OperationsHost.StartAsync();
        await host.ReceiveAsync("A", "S", 10, 2m);
        // the destination cannot persist: the shipment commits, the receipt does not
        host.PositionStore.FailSave = key => key.Warehouse == "B" ? new InvalidOperationException("database lost") : null;

        await Assert.ThrowsAnyAsync<Exception>(() => host.Transfer("t1").CreateAsync(new TransferRequest("A", "B", "S", 6, null), Clerk));
        Assert.Equal("receiving", (await host.Transfer("t1").GetAsync())!.Status);

        host.PositionStore.FailSave = null;
        Assert.Equal(1, await host.SweepAsync());

        var done = (await host.Transfer("t1").GetAsync())!;
        Assert.Equal(("completed", 6m, 12.00m), (done.Status, done.ReceivedQuantity, done.CostOfGoods));
        Assert.Equal((4m, 6m), ((await host.Position("A", "S").GetAsync()).OnHand, (await host.Position("B", "S").GetAsync()).OnHand));
        Assert.Single(await host.LedgerAsync("A", "S"), e => e.Type == LedgerEntryType.TransferShipped);
        Assert.Single(await host.LedgerAsync("B", "S"), e => e.Type == LedgerEntryType.TransferReceived);
        Assert.Equal(0, await host.SweepAsync()); // nothing left in flight
    }

    [Fact]
    public async Task A_refused_shipment_fails_the_transfer_with_nothing_moved_and_a_repeat_gets_the_same_answer()
    {
        await using var host = await OperationsHost.StartAsync();
        await host.ReceiveAsync("A", "S", 3, 1m);
        var request = new TransferRequest("A", "B", "S", 5, null);

        var first = await host.Transfer("t2").CreateAsync(request, Clerk);
        var again = await host.Transfer("t2").CreateAsync(request, Clerk);
        var other = await host.Transfer("t2").CreateAsync(request with { Quantity = 1 }, Clerk);

        Assert.Equal((ErrorCodes.InsufficientStock, ErrorCodes.InsufficientStock, TransferErrorCodes.TransferConflict),
            (first.Failure?.Code, again.Failure?.Code, other.Failure?.Code));
        Assert.Equal("failed", (await host.Transfer("t2").GetAsync())!.Status);
        Assert.Equal(3m, (await host.Position("A", "S").GetAsync()).OnHand);
        Assert.Equal(TransferErrorCodes.TransferNotInTransit,
            (await host.Transfer("t2").ReceiveAsync(new TransferReceiptRequest(1), Clerk)).Failure?.Code);
    }

    [Fact]
    public async Task Receipts_take_lines_in_shipment_order_or_by_lot_and_a_close_records_the_rest_as_lost()
    {
        await using var host = await OperationsHost.StartAsync();
        await host.ReceiveAsync("A", "S", 4, 1m, "X");
        await host.ReceiveAsync("A", "S", 4, 3m, "Y");
        var shipped = (await host.Transfer("t3").CreateAsync(new TransferRequest("A", "B", "S", 8, "move", AutoReceive: false), Clerk)).Value;
        Assert.Equal(("in_transit", 16m), (shipped.Status, shipped.InTransitValue)); // 4 x 1 + 4 x 3

        var byLot = (await host.Transfer("t3").ReceiveAsync(new TransferReceiptRequest(null, [new LotQuantity("Y", 3)], RequestKey: "k1"), Clerk)).Value;
        var replay = (await host.Transfer("t3").ReceiveAsync(new TransferReceiptRequest(null, [new LotQuantity("Y", 3)], RequestKey: "k1"), Clerk)).Value;
        var tooMuch = await host.Transfer("t3").ReceiveAsync(new TransferReceiptRequest(6), Clerk);
        var closing = (await host.Transfer("t3").ReceiveAsync(new TransferReceiptRequest(2, Close: true, Reason: "crushed"), Clerk)).Value;

        Assert.Equal((3m, 5m, 7m), (byLot.ReceivedQuantity, byLot.InTransitQuantity, byLot.InTransitValue)); // left: X 4 @ 1, Y 1 @ 3
        Assert.Equal(3m, replay.ReceivedQuantity);
        Assert.Equal(TransferErrorCodes.TransitExceeded, tooMuch.Failure?.Code);
        // 2 more arrive (2 of X, shipment order); 2 of X and 1 of Y never do: 2 x 1 + 1 x 3 = 5 lost
        Assert.Equal(("completed", 5m, 3m, 5m, "crushed"), (closing.Status, closing.ReceivedQuantity, closing.LostQuantity, closing.LostValue, closing.CloseReason));
        var destination = await host.Position("B", "S").GetValuationAsync();
        Assert.Equal((5m, 11m), (destination.Quantity, destination.Value)); // 3 x 3 + 2 x 1
        var loss = Assert.Single(await host.LedgerAsync("B", "S"), e => e.Type == LedgerEntryType.TransitLoss);
        Assert.Equal((3m, 5m, "crushed"), (loss.Quantity, loss.TotalCost, loss.Reason));
    }

    [Fact]
    public async Task Transit_lines_are_taken_exactly_and_subtracted_back()
    {
        LayerDraw[] inTransit = [new(1, 4, 1m) { Lot = "X" }, new(2, 4, 3m) { Lot = "Y" }];

        var (taken, left) = TransitLines.Take(inTransit, null, [new LotQuantity("Y", 1), new LotQuantity("X", 2)])!.Value;

        Assert.Equal([("Y", 1m), ("X", 2m)], taken.Select(l => (l.Lot, l.Quantity)));
        Assert.Equal([("X", 2m), ("Y", 3m)], left.Select(l => (l.Lot, l.Quantity)));
        Assert.Equal(left, TransitLines.Subtract(inTransit, taken));
        Assert.Null(TransitLines.Take(inTransit, 9, null));
        Assert.Null(TransitLines.Take(inTransit, null, [new LotQuantity("Z", 1)]));
    }
}
