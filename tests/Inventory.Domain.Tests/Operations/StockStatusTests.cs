using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests.Operations;

/// <summary>
/// Available, quality control and damaged stock, worked by hand. A receipt of 10 @ 5.00 (lot L1) lands in quality
/// control; 6 are released, 4 rejected as damaged; 2 released units are later found damaged; the 6 damaged are
/// written off at 6 x 5.00 = 30.00, leaving 4 available worth 20.00.
/// </summary>
public class StockStatusTests
{
    private static StockPosition InQualityControl()
    {
        var position = NewPosition();
        Ok(position.Receive(new ReceiveStock(10, 5.00m, "L1", Status: StockStatus.QualityControl), Clerk, T0));
        return position;
    }

    [Fact]
    public void A_receipt_in_quality_control_is_on_hand_but_not_available()
    {
        var position = InQualityControl();

        Assert.Equal((10m, 10m, 0m, 0m), (position.OnHand, position.QualityControl, position.Sellable, position.Available));
        Fails(position.Reserve("r", 1, T0.AddHours(1), Clerk, T0), ErrorCodes.InsufficientStock);
        Assert.Equal(50.00m, position.Value().Value); // on hand in any status is valued
    }

    [Fact]
    public void Release_reject_damage_and_write_off_move_stock_between_statuses_through_the_ledger()
    {
        var position = InQualityControl();
        var ledger = new List<LedgerEntry>();

        var release = Ok(position.ChangeStatus(6, StockStatus.QualityControl, StockStatus.Available, Clerk, T0, reason: "qc passed"));
        ledger.Record(release);
        Assert.Equal((10m, 4m, 6m, 6m), (position.OnHand, position.QualityControl, position.Sellable, position.Available));
        var entry = Assert.Single(release.Entries);
        Assert.Equal((LedgerEntryType.StatusChanged, StockStatus.QualityControl, StockStatus.Available, 4m, 0m, 10m),
            (entry.Type, entry.FromStatus, entry.ToStatus, entry.QualityAfter, entry.DamagedAfter, entry.OnHandAfter));

        ledger.Record(Ok(position.ChangeStatus(4, StockStatus.QualityControl, StockStatus.Damaged, Clerk, T0, reason: "qc failed")));
        ledger.Record(Ok(position.ChangeStatus(2, StockStatus.Available, StockStatus.Damaged, Clerk, T0, lot: "L1", reason: "dropped")));
        Assert.Equal((10m, 0m, 6m, 4m), (position.OnHand, position.QualityControl, position.Damaged, position.Sellable));
        // layers stay in receipt order and keep cost and lot: damaged 4 (from QC), available 4, damaged 2 (from available)
        Assert.Equal([(StockStatus.Damaged, 4m), (StockStatus.Available, 4m), (StockStatus.Damaged, 2m)],
            position.Layers.Select(l => (l.Status, l.Quantity)));
        Assert.All(position.Layers, l => Assert.Equal(("L1", 5.00m), (l.Lot, l.UnitCost)));

        var writeOff = Ok(position.WriteOff(6, AdjustmentReason.Damage, StockStatus.Damaged, Clerk, T0));
        ledger.Record(writeOff);
        Assert.Equal(30.00m, writeOff.CostOfGoods); // 6 x 5.00
        Assert.Equal((4m, 0m, 4m), (position.OnHand, position.Damaged, position.Available));
        Assert.Equal(20.00m, position.Value().Value);

        var folded = StockPosition.Fold(Key, [.. InQualityControlLedger(), .. ledger]);
        Assert.Empty(folded.DifferencesFrom(position));
    }

    private static List<LedgerEntry> InQualityControlLedger()
    {
        var ledger = new List<LedgerEntry>();
        ledger.Record(Ok(NewPosition().Receive(new ReceiveStock(10, 5.00m, "L1", Status: StockStatus.QualityControl), Clerk, T0)));
        return ledger;
    }

    [Fact]
    public void Available_excludes_reserved_quality_control_damaged_and_safety_stock_and_never_shows_below_zero()
    {
        var position = new StockPosition(Key, CostingMethod.Fifo, new StockPolicy(SafetyStock: 3));
        position.Receive(10, 1m);
        Ok(position.Receive(new ReceiveStock(2, 1m, Status: StockStatus.QualityControl), Clerk, T0));
        Ok(position.ChangeStatus(1, StockStatus.Available, StockStatus.Damaged, Clerk, T0));
        position.Reserve("r", 4);

        // 12 on hand - 4 reserved - 2 quality control - 1 damaged - 3 safety stock = 2
        Assert.Equal(2m, position.Available);
        Fails(position.Reserve("more", 3, T0.AddHours(1), Clerk, T0), ErrorCodes.InsufficientStock);

        // a theft of 5 is a fact: allowed down to what is reserved (9 sellable - 4 reserved), safety stock or not
        Ok(position.Adjust(-5, AdjustmentReason.Theft, Clerk, T0));
        Assert.Equal((4m, 0m), (position.Sellable, position.Available));
    }

    [Fact]
    public void Reserved_stock_cannot_be_moved_to_another_status_or_written_off()
    {
        var position = NewPosition();
        position.Receive(5, 1m);
        position.Reserve("r", 4);

        Fails(position.ChangeStatus(2, StockStatus.Available, StockStatus.Damaged, Clerk, T0), ErrorCodes.InsufficientStock);
        Fails(position.WriteOff(2, AdjustmentReason.Theft, StockStatus.Available, Clerk, T0), ErrorCodes.InsufficientStock);
        Fails(position.WriteOff(1, AdjustmentReason.Damage, StockStatus.Damaged, Clerk, T0), ErrorCodes.InsufficientStock);
        Fails(position.ChangeStatus(1, StockStatus.Available, StockStatus.Available, Clerk, T0), ErrorCodes.InvalidStatus);
        Fails(position.WriteOff(1, AdjustmentReason.Found, StockStatus.Available, Clerk, T0), ErrorCodes.InvalidReason);
        Ok(position.WriteOff(1, AdjustmentReason.Theft, StockStatus.Available, Clerk, T0));
    }

    [Fact]
    public void A_lot_filter_takes_only_that_lot()
    {
        var position = NewPosition();
        Ok(position.Receive(new ReceiveStock(3, 1m, "A"), Clerk, T0));
        Ok(position.Receive(new ReceiveStock(3, 2m, "B"), Clerk, T0));

        var moved = Ok(position.ChangeStatus(2, StockStatus.Available, StockStatus.QualityControl, Clerk, T0, lot: "B"));

        Assert.Equal([("B", 2m, 2m)], moved.Draws.Select(d => (d.Lot, d.Quantity, d.UnitCost)));
        var refused = Fails(position.ChangeStatus(2, StockStatus.Available, StockStatus.Damaged, Clerk, T0, lot: "B"), ErrorCodes.InsufficientStock);
        Assert.Equal((1m, "B"), ((decimal)refused.Details!["available"]!, (string?)refused.Details["lot"]));
    }

    [Fact]
    public void Returns_go_to_available_or_to_quality_control_with_their_cost()
    {
        var position = NewPosition();
        position.Receive(4, 2.50m);

        Ok(position.Return(2, null, Clerk, T0));
        var toQc = Ok(position.Return(3, 1.00m, Clerk, T0, status: StockStatus.QualityControl, lot: "RMA-1"));

        Assert.Equal((9m, 3m, 6m), (position.OnHand, position.QualityControl, position.Sellable));
        Assert.Equal((StockStatus.QualityControl, 3.00m), (toQc.Entries[0].ToStatus!.Value, toQc.Entries[0].TotalCost));
        // value: 6 x 2.50 + 3 x 1.00 = 18.00
        Assert.Equal(18.00m, position.Value().Value);
    }

    [Fact]
    public void A_count_counts_one_status_and_posts_the_difference()
    {
        var position = NewPosition();
        position.Receive(8, 2m);
        Ok(position.ChangeStatus(3, StockStatus.Available, StockStatus.Damaged, Clerk, T0));

        var counted = Ok(position.SetCount(1, 3, Clerk, T0, status: StockStatus.Damaged));

        var entry = Assert.Single(counted.Entries);
        Assert.Equal((-2m, "count", StockStatus.Damaged, 4.00m), (entry.Quantity, entry.Reason, entry.FromStatus!.Value, entry.TotalCost));
        Assert.Equal((6m, 1m, 5m), (position.OnHand, position.Damaged, position.Sellable));
        Fails(position.SetCount(0, 3, Clerk, T0, status: StockStatus.Damaged), ErrorCodes.CountMismatch);
    }

    [Fact]
    public void Stock_released_from_quality_control_fills_a_backorder_first()
    {
        var position = NewPosition(allowNegative: true);
        position.Issue("oversold", 3); // sellable -3
        Ok(position.Receive(new ReceiveStock(5, 2m, Status: StockStatus.QualityControl), Clerk, T0));
        Assert.Equal((2m, 5m, -3m), (position.OnHand, position.QualityControl, position.Sellable));

        Ok(position.ChangeStatus(5, StockStatus.QualityControl, StockStatus.Available, Clerk, T0));

        // 3 of the 5 fill the backorder, 2 become an available layer
        Assert.Equal((2m, 0m, 2m), (position.OnHand, position.QualityControl, position.Sellable));
        Assert.Equal([(StockStatus.Available, 2m)], position.Layers.Select(l => (l.Status, l.Quantity)));
    }
}
