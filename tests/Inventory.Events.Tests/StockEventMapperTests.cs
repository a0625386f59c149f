using Inventory.Domain;
using Inventory.Grains.Events;

namespace Inventory.Events.Tests;

public sealed class StockEventMapperTests
{
    private static readonly Actor Clerk = new("clerk", "warehouse_staff");
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_batch_yields_one_event_per_entry_and_one_level_change_per_position_after_its_last_entry()
    {
        var a = new StockPosition(new PositionKey("W1", "A"));
        var b = new StockPosition(new PositionKey("W2", "B"));
        var rows = new List<(long, LedgerEntry)>();
        long seq = 100;
        void Add(Movement m) => rows.AddRange(m.Entries.Select(e => (++seq, e)));
        Add(a.Receive(new ReceiveStock(10, 1m), Clerk, Now).Value);
        Add(b.Receive(new ReceiveStock(3, 1m), Clerk, Now).Value);
        Add(a.Reserve("r1", 4, Now.AddHours(1), Clerk, Now).Value);
        Add(a.Commit("r1", Clerk, Now).Value);

        var events = StockEventMapper.Map(rows);

        Assert.Equal(
            ["stock.received", "stock.received", "level.changed", "stock.reserved", "stock.committed", "level.changed"],
            events.Select(e => e.Type));
        Assert.Equal([101L, 102, 102, 103, 104, 104], events.Select(e => e.LedgerSeq));
        var levelB = events[2];
        Assert.Equal(("W2", "B", 3m, 3m), (levelB.Warehouse, levelB.Sku, levelB.Available, levelB.Quantity));
        var levelA = events[5];
        Assert.Equal(("W1", "A", 6m, 0m, 6m, 6m), (levelA.Warehouse, levelA.Sku, levelA.OnHand, levelA.Reserved, levelA.Available, levelA.Quantity));
        Assert.Equal("committed", events[4].Entry);
        Assert.Equal((Now.AddHours(1), "r1"), (events[3].ExpiresAt, events[3].ReservationId));
        Assert.Equal(4m * 1m, events[4].TotalCost);
    }

    [Fact]
    public void Entries_with_a_transfer_reference_are_stock_transferred_and_keep_their_ledger_type()
    {
        var position = new StockPosition(new PositionKey("W1", "A"));
        var receipt = position.Receive(new ReceiveStock(5, 1m, Reference: "TRF-7"), Clerk, Now).Value.Entries.Single();
        var adjustment = position.Adjust(-2, AdjustmentReason.Correction, Clerk, Now, reference: "transfer:8").Value.Entries.Single();
        var reserve = position.Reserve("r", 1, Now.AddHours(1), Clerk, Now, "TRF-9").Value.Entries.Single();

        Assert.Equal(("stock.transferred", "received"), (StockEventMapper.ToEvent(1, receipt).Type, StockEventMapper.ToEvent(1, receipt).Entry));
        Assert.Equal(("stock.transferred", "adjusted", -2m), (StockEventMapper.ToEvent(2, adjustment).Type, StockEventMapper.ToEvent(2, adjustment).Entry,
            StockEventMapper.ToEvent(2, adjustment).Quantity));
        Assert.Equal("stock.reserved", StockEventMapper.ToEvent(3, reserve).Type);
    }

    [Fact]
    public void Every_ledger_entry_type_maps_to_its_stored_name_and_a_stock_event_type()
    {
        foreach (var type in Enum.GetValues<LedgerEntryType>())
        {
            var entry = new LedgerEntry
            {
                Position = new PositionKey("W1", "A"),
                Sequence = 1,
                Type = type,
                Quantity = 1,
                OnHandAfter = 1,
                ReservedAfter = 0,
                User = "u",
                Role = "r",
                At = Now,
            };
            Assert.StartsWith("stock.", StockEventMapper.EventType(entry));
            Assert.Equal(LedgerEntryTypes.Name(type), StockEventMapper.ToEvent(1, entry).Entry);
        }
    }

    [Fact]
    public void Costs_can_be_stripped_for_readers_that_may_not_see_them()
    {
        var position = new StockPosition(new PositionKey("W1", "A"));
        var entry = position.Receive(new ReceiveStock(5, 3m), Clerk, Now).Value.Entries.Single();
        var full = StockEventMapper.ToEvent(1, entry);
        Assert.Equal((3m, 15m), (full.UnitCost, full.TotalCost));
        var stripped = full.WithoutCosts();
        Assert.Equal(((decimal?)null, (decimal?)null), (stripped.UnitCost, stripped.TotalCost));
        Assert.Equal(full with { UnitCost = null, TotalCost = null }, stripped);
    }
}
