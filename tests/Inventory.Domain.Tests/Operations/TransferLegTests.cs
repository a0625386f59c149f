using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests.Operations;

/// <summary>
/// The two legs of a transfer, by hand. Source: lot L1 5 @ 2.00 (expires 2026-09-01), then 5 @ 4.00 without a lot.
/// Ship 7 (FIFO): 5 of L1 (10.00) + 2 of the second layer (8.00) = 18.00 in transit. The destination receives 6
/// (5 of L1, 1 of the rest: 10.00 + 4.00) and records 1 @ 4.00 lost in transit.
/// </summary>
public class TransferLegTests
{
    private static readonly PositionKey Destination = new("WH2", Key.Sku);

    [Fact]
    public void Goods_leave_with_their_cost_and_lots_and_arrive_as_layers_at_that_cost()
    {
        var source = NewPosition();
        Ok(source.Receive(new ReceiveStock(5, 2.00m, "L1", new DateOnly(2026, 9, 1), Supplier: "ACME"), Clerk, T0));
        source.Receive(5, 4.00m);

        var shipped = Ok(source.Ship(7, Clerk, T0, "transfer:t1", "transfer:t1:ship"));

        Assert.Equal(18.00m, shipped.CostOfGoods);
        Assert.Equal(LedgerEntryType.TransferShipped, shipped.Entries.Single().Type);
        Assert.Equal([("L1", 5m, 2.00m), (null, 2m, 4.00m)], shipped.Draws.Select(d => (d.Lot, d.Quantity, d.UnitCost)));
        Assert.Equal(3m, source.OnHand);
        // the step repeated after a crash: nothing moves again, and the same goods are in transit
        var again = Ok(source.Ship(7, Clerk, T0, "transfer:t1", "transfer:t1:ship"));
        Assert.True(again.Replayed);
        Assert.Equal(shipped.Draws, again.Draws);
        Assert.Equal(18.00m, again.CostOfGoods);

        var destination = new StockPosition(Destination);
        var arrived = new[] { shipped.Draws[0], shipped.Draws[1] with { Quantity = 1 } };
        var received = Ok(destination.ReceiveTransfer(arrived, Clerk, T0, "transfer:t1", "transfer:t1:receive:1"));
        var lost = Ok(destination.RecordTransitLoss([shipped.Draws[1] with { Quantity = 1 }], "transit_loss", Clerk, T0, "transfer:t1", "transfer:t1:close"));

        Assert.Equal(2, received.Entries.Count);
        Assert.Equal(6m, destination.OnHand);
        Assert.Equal(14.00m, destination.Value().Value); // 5 x 2.00 + 1 x 4.00
        Assert.Equal([("L1", new DateOnly(2026, 9, 1), "ACME"), (null, (DateOnly?)null, (string?)null)],
            destination.Layers.Select(l => (l.Lot, l.ExpiresOn, l.Supplier)));
        var loss = lost.Entries.Single();
        Assert.Equal((LedgerEntryType.TransitLoss, 1m, 4.00m, 6m), (loss.Type, loss.Quantity, loss.TotalCost, loss.OnHandAfter));
        Assert.True(Ok(destination.ReceiveTransfer(arrived, Clerk, T0, "transfer:t1", "transfer:t1:receive:1")).Replayed);
        Assert.Equal(6m, destination.OnHand);
    }

    [Fact]
    public void A_shipment_takes_only_what_is_available_and_never_an_expired_lot()
    {
        var source = new StockPosition(Key, CostingMethod.Fifo, new StockPolicy(SafetyStock: 1));
        Ok(source.Receive(new ReceiveStock(4, 1m, "OLD", new DateOnly(2026, 2, 1)), Clerk, T0));
        source.Receive(5, 2m);
        source.Reserve("r", 2);

        // 9 on hand - 4 expired - 2 reserved - 1 safety stock = 2
        Fails(source.Ship(3, Clerk, T0), ErrorCodes.InsufficientStock);
        var shipped = Ok(source.Ship(2, Clerk, T0));
        Assert.Equal([(null, 2m)], shipped.Draws.Select(d => (d.Lot, d.Quantity)));
    }
}
