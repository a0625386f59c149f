using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests.Operations;

/// <summary>Incoming stock: on order, not on hand; receipts against the purchase order settle it.</summary>
public class IncomingTests
{
    [Fact]
    public void Receipts_settle_their_purchase_order_and_over_deliveries_settle_nothing_more()
    {
        var position = NewPosition();
        var ledger = new List<LedgerEntry>();

        ledger.Record(Ok(position.Order("PO-1", 20, Clerk, T0, supplier: "ACME")));
        Assert.Equal((0m, 20m, 0m), (position.OnHand, position.Incoming, position.Available));
        ledger.Record(Ok(position.Receive(new ReceiveStock(15, 2m, PurchaseOrder: "PO-1", Supplier: "ACME"), Clerk, T0)));
        Assert.Equal((15m, 5m), (position.OnHand, position.Incoming));
        ledger.Record(Ok(position.Receive(new ReceiveStock(8, 2m, PurchaseOrder: "PO-1"), Clerk, T0)));

        Assert.Equal((23m, 0m), (position.OnHand, position.Incoming));
        Assert.Empty(position.IncomingOrders);
        Assert.Empty(StockPosition.Fold(Key, ledger).DifferencesFrom(position));
        Assert.Equal("ACME", position.Layers[0].Supplier);
    }

    [Fact]
    public void Orders_can_be_cancelled_in_part_or_whole()
    {
        var position = NewPosition();
        Ok(position.Order("PO-2", 8, Clerk, T0));

        Ok(position.CancelOrder("PO-2", 3, Clerk, T0));
        Fails(position.CancelOrder("PO-2", 6, Clerk, T0), ErrorCodes.InvalidQuantity);
        Fails(position.CancelOrder("PO-9", null, Clerk, T0), ErrorCodes.OrderNotFound);
        Assert.Equal([new IncomingOrder("PO-2", 5)], position.IncomingOrders);
        Ok(position.CancelOrder("PO-2", null, Clerk, T0));
        Assert.Equal(0m, position.Incoming);
    }
}
