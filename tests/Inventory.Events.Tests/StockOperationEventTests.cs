using Inventory.Domain;
using Inventory.Grains.Alerts;
using Inventory.Grains.Events;

namespace Inventory.Events.Tests;

/// <summary>Events of the ledger types of lots, stock states, orders and transfers: names and what they do to available.</summary>
public sealed class StockOperationEventTests
{
    private static readonly Actor Clerk = new("clerk", "warehouse_staff");
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Stock_in_quality_control_or_damaged_never_counts_as_available_in_events()
    {
        var position = new StockPosition(new PositionKey("W1", "Q"));
        var rows = new List<(long, LedgerEntry)>();
        long seq = 0;
        void Add(Result<Movement> m) => rows.AddRange(m.Value.Entries.Select(e => (++seq, e)));
        Add(position.Order("PO-1", 20, Clerk, Now));
        Add(position.Receive(new ReceiveStock(10, 1m, Status: StockStatus.QualityControl, PurchaseOrder: "PO-1"), Clerk, Now));
        Add(position.ChangeStatus(new StatusChange(6, StockStatus.QualityControl, StockStatus.Available), Clerk, Now));
        Add(position.ChangeStatus(new StatusChange(4, StockStatus.QualityControl, StockStatus.Damaged), Clerk, Now));
        Add(position.WriteOff(4, AdjustmentReason.Damage, StockStatus.Damaged, Clerk, Now));
        Add(position.CancelOrder("PO-1", null, Clerk, Now));

        var events = StockEventMapper.Map(rows).Where(e => e.Type != InventoryEventTypes.LevelChanged).ToList();

        Assert.Equal([InventoryEventTypes.StockOrdered, InventoryEventTypes.StockReceived, InventoryEventTypes.StockStatusChanged,
            InventoryEventTypes.StockStatusChanged, InventoryEventTypes.StockWrittenOff, InventoryEventTypes.StockOrderCancelled], events.Select(e => e.Type));
        Assert.Equal([0m, 0m, 6m, 0m, 0m, 0m], rows.Select(r => StockEventMapper.AvailableDelta(r.Item2)));
        Assert.Equal([0m, 0m, 6m, 6m, 6m, 6m], events.Select(e => e.Available));
        var level = StockEventMapper.Map(rows).Last();
        Assert.Equal((InventoryEventTypes.LevelChanged, 6m, 6m), (level.Type, level.Quantity, level.Available));
    }

    [Fact]
    public void The_legs_of_a_transfer_are_stock_transferred()
    {
        var source = new StockPosition(new PositionKey("A", "T"));
        var destination = new StockPosition(new PositionKey("B", "T"));
        source.Receive(new ReceiveStock(5, 2m), Clerk, Now);
        var shipped = source.Ship(5, Clerk, Now, "move-1", "transfer:t:ship").Value;
        var received = destination.ReceiveTransfer(shipped.Draws, Clerk, Now, "move-1", "transfer:t:receive:1").Value;
        var lost = destination.RecordTransitLoss([new LayerDraw(0, 1, 2m)], "transit_loss", Clerk, Now, "move-1", "transfer:t:close").Value;

        var entries = shipped.Entries.Concat(received.Entries).Concat(lost.Entries).ToList();

        Assert.All(entries, e => Assert.Equal(InventoryEventTypes.StockTransferred, StockEventMapper.EventType(e)));
        Assert.Equal(["transfer_shipped", "transfer_received", "transit_loss"], entries.Select(e => LedgerEntryTypes.Name(e.Type)));
        Assert.Equal([-5m, 5m, 0m], entries.Select(StockEventMapper.AvailableDelta));
    }

    [Fact]
    public void A_position_whose_stock_is_all_in_quality_control_or_damaged_is_out_of_stock()
    {
        var position = new StockPosition(new PositionKey("W1", "QA"));
        position.Receive(new ReceiveStock(8, 1m, Status: StockStatus.QualityControl), Clerk, Now);
        position.Receive(new ReceiveStock(2, 1m, Status: StockStatus.Damaged), Clerk, Now);

        var conditions = AlertRules.Evaluate(position.OnHand, position.Reserved, position.Policy, position.Layers, null,
            StockPosition.Today(Now), new AlertOptions());

        Assert.Contains(conditions, c => c.Kind == AlertKinds.OutOfStock);
        Assert.Equal(0m, position.AvailableOn(StockPosition.Today(Now)));
    }
}
