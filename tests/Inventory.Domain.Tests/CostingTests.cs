using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests;

/// <summary>
/// One worked example costed three ways, every figure computed by hand in the comments.
/// Scenario: receive 10 @ 4.00 (layer 1), 30 @ 6.00 (layer 2), 10 @ 8.00 (layer 3)
///   = 50 units worth 40 + 180 + 80 = 300.00, moving average 300 / 50 = 6.00;
/// then commit 15, commit 12, receive 2 @ 8.50 (layer 4), commit 20. Receipts total 300 + 17 = 317.00.
/// </summary>
public class CostingTests
{
    private static (StockPosition Position, Movement C15, Movement C12, Movement C20) RunScenario(CostingMethod method)
    {
        var position = NewPosition(method);
        position.Receive(10, 4.00m);
        position.Receive(30, 6.00m);
        position.Receive(10, 8.00m);
        var c15 = position.Issue("c15", 15);
        var c12 = position.Issue("c12", 12);
        position.Receive(2, 8.50m);
        var c20 = position.Issue("c20", 20);
        return (position, c15, c12, c20);
    }

    [Fact]
    public void Fifo_charges_the_oldest_layers_first()
    {
        var (position, c15, c12, c20) = RunScenario(CostingMethod.Fifo);

        // commit 15: all of layer 1 (10 x 4.00 = 40.00) + 5 of layer 2 (5 x 6.00 = 30.00) = 70.00
        Assert.Equal(70.00m, c15.CostOfGoods);
        Assert.Equal([new LayerDraw(1, 10, 4.00m), new LayerDraw(2, 5, 6.00m)], c15.Entries.Single().Draws);
        // commit 12: 12 of layer 2 (12 x 6.00) = 72.00, leaving layer 2 with 25 - 12 = 13
        Assert.Equal(72.00m, c12.CostOfGoods);
        // commit 20: 13 of layer 2 (78.00) + 7 of layer 3 (7 x 8.00 = 56.00) = 134.00
        Assert.Equal(134.00m, c20.CostOfGoods);
        Assert.Equal([new LayerDraw(2, 13, 6.00m), new LayerDraw(3, 7, 8.00m)], c20.Entries.Single().Draws);
        Assert.Equal(134.00m, c20.Entries.Single().TotalCost);
        Assert.Equal(134.00m / 20, c20.Entries.Single().UnitCost);

        // left: layer 3 with 10 - 7 = 3 @ 8.00 and layer 4 with 2 @ 8.50
        Assert.Equal(
            [(3L, 3m, 8.00m), (4L, 2m, 8.50m)],
            position.Layers.Select(l => (l.Id, l.Quantity, l.UnitCost)));
        // value: 3 x 8.00 + 2 x 8.50 = 24.00 + 17.00 = 41.00 = 317 - (70 + 72 + 134); unit cost 41 / 5 = 8.20
        Assert.Equal(new Valuation(Key, CostingMethod.Fifo, 5, 41.00m, 8.20m), position.Value());
        Assert.Equal(5, position.OnHand);
    }

    [Fact]
    public void Lifo_charges_the_newest_layers_first()
    {
        var (position, c15, c12, c20) = RunScenario(CostingMethod.Lifo);

        // commit 15: all of layer 3 (10 x 8.00 = 80.00) + 5 of layer 2 (5 x 6.00 = 30.00) = 110.00
        Assert.Equal(110.00m, c15.CostOfGoods);
        Assert.Equal([new LayerDraw(3, 10, 8.00m), new LayerDraw(2, 5, 6.00m)], c15.Entries.Single().Draws);
        // commit 12: 12 of layer 2 (72.00), leaving layer 1 = 10 @ 4.00 and layer 2 = 13 @ 6.00
        Assert.Equal(72.00m, c12.CostOfGoods);
        // commit 20: layer 4 (2 x 8.50 = 17.00) + layer 2 (13 x 6.00 = 78.00) + 5 of layer 1 (5 x 4.00 = 20.00) = 115.00
        Assert.Equal(115.00m, c20.CostOfGoods);
        Assert.Equal(
            [new LayerDraw(4, 2, 8.50m), new LayerDraw(2, 13, 6.00m), new LayerDraw(1, 5, 4.00m)],
            c20.Entries.Single().Draws);

        // left: layer 1 with 5 @ 4.00; value 20.00 = 317 - (110 + 72 + 115); unit cost 4.00
        Assert.Equal([(1L, 5m, 4.00m)], position.Layers.Select(l => (l.Id, l.Quantity, l.UnitCost)));
        Assert.Equal(new Valuation(Key, CostingMethod.Lifo, 5, 20.00m, 4.00m), position.Value());
    }

    [Fact]
    public void Average_charges_every_unit_at_the_moving_average_and_draws_layers_oldest_first()
    {
        var (position, c15, c12, c20) = RunScenario(CostingMethod.Average);

        // commit 15 at 6.00 = 90.00; the quantity comes out of layer 1 (10) and layer 2 (5), both charged 6.00
        Assert.Equal(90.00m, c15.CostOfGoods);
        Assert.Equal([new LayerDraw(1, 10, 6.00m), new LayerDraw(2, 5, 6.00m)], c15.Entries.Single().Draws);
        // commit 12 at 6.00 = 72.00; on hand 23 at 6.00 = 138.00
        Assert.Equal(72.00m, c12.CostOfGoods);
        // receive 2 @ 8.50: average (23 x 6.00 + 2 x 8.50) / 25 = (138.00 + 17.00) / 25 = 6.20
        // commit 20 at 6.20 = 124.00 from layer 2 (13) and layer 3 (7)
        Assert.Equal(124.00m, c20.CostOfGoods);
        Assert.Equal([new LayerDraw(2, 13, 6.20m), new LayerDraw(3, 7, 6.20m)], c20.Entries.Single().Draws);
        Assert.Equal(6.20m, position.AverageUnitCost);

        // layers keep their own costs (3 @ 8.00, 2 @ 8.50) but the position is valued at the average:
        // 5 x 6.20 = 31.00 = 317 - (90 + 72 + 124)
        Assert.Equal(
            [(3L, 3m, 8.00m), (4L, 2m, 8.50m)],
            position.Layers.Select(l => (l.Id, l.Quantity, l.UnitCost)));
        Assert.Equal(new Valuation(Key, CostingMethod.Average, 5, 31.00m, 6.20m), position.Value());
    }

    // Receive 2 @ 4.00 (layer 1) and 6 @ 6.00 (layer 2): 8 units worth 8.00 + 36.00 = 44.00, average 5.50.
    // Then 3 are lost to damage:
    //   FIFO:    2 @ 4.00 + 1 @ 6.00 = 8.00 + 6.00 = 14.00
    //   LIFO:    3 @ 6.00                          = 18.00
    //   Average: 3 x 5.50                          = 16.50
    // (doubles because attributes cannot hold decimals; all three are exact in binary)
    [Theory]
    [InlineData(CostingMethod.Fifo, 14.00)]
    [InlineData(CostingMethod.Lifo, 18.00)]
    [InlineData(CostingMethod.Average, 16.50)]
    public void A_negative_adjustment_draws_layers_like_a_commit(CostingMethod method, double costOfGoods)
    {
        var position = NewPosition(method);
        position.Receive(2, 4.00m);
        position.Receive(6, 6.00m);

        var movement = Ok(position.Adjust(-3, AdjustmentReason.Damage, Clerk, T0));

        Assert.Equal((decimal)costOfGoods, movement.CostOfGoods);
        Assert.Equal((decimal)costOfGoods, movement.Entries.Single().TotalCost);
        Assert.Equal(-3, movement.Entries.Single().Quantity);
        Assert.Equal("damage", movement.Entries.Single().Reason);
        Assert.Equal(5, position.OnHand);
        Assert.Equal(5, position.Layers.Sum(l => l.Quantity));
    }

    [Fact]
    public void Uncovered_issue_under_negative_policy_is_charged_at_last_unit_cost_and_receipt_fills_the_backorder()
    {
        var position = NewPosition(CostingMethod.Fifo, allowNegative: true);
        position.Receive(5, 4.00m);

        // reserving 8 of 5 is allowed by the policy; committing takes on hand to -3
        var commit = position.Issue("r1", 8);

        // 5 from layer 1 @ 4.00 = 20.00, 3 uncovered @ last cost 4.00 = 12.00: 32.00
        Assert.Equal(32.00m, commit.CostOfGoods);
        Assert.Equal(
            [new LayerDraw(1, 5, 4.00m), new LayerDraw(StockPosition.UncoveredLayerId, 3, 4.00m)],
            commit.Entries.Single().Draws);
        Assert.Equal(-3, position.OnHand);
        Assert.Empty(position.Layers);
        // negative stock is valued at the last unit cost: -3 x 4.00
        Assert.Equal(new Valuation(Key, CostingMethod.Fifo, -3, -12.00m, 4.00m), position.Value());

        // 10 arrive @ 5.00: 3 fill the backorder, 7 become a layer; the average restarts at 5.00
        position.Receive(10, 5.00m);
        Assert.Equal(7, position.OnHand);
        Assert.Equal([(2L, 7m, 5.00m)], position.Layers.Select(l => (l.Id, l.Quantity, l.UnitCost)));
        Assert.Equal(5.00m, position.AverageUnitCost);
        Assert.Equal(35.00m, position.Value().Value);
    }

    [Fact]
    public void Stock_found_without_a_price_comes_in_at_the_average_so_the_average_holds()
    {
        var position = NewPosition(CostingMethod.Average);
        position.Receive(10, 4.00m);
        position.Receive(10, 6.00m); // average (40 + 60) / 20 = 5.00

        var found = Ok(position.Adjust(4, AdjustmentReason.Found, Clerk, T0));

        Assert.Equal(5.00m, found.Entries.Single().UnitCost);
        Assert.Equal(20.00m, found.Entries.Single().TotalCost);
        Assert.Equal(5.00m, position.AverageUnitCost); // (20 x 5 + 4 x 5) / 24
        Assert.Equal((3L, 4m, 5.00m), position.Layers.Select(l => (l.Id, l.Quantity, l.UnitCost)).Last());
        Assert.Equal(6.00m, position.LastUnitCost); // a correction is not a purchase
    }

    [Fact]
    public void Stock_found_in_an_empty_position_comes_in_at_the_last_purchase_cost()
    {
        var position = NewPosition();
        position.Receive(3, 7.25m);
        Ok(position.Adjust(-3, AdjustmentReason.Theft, Clerk, T0));

        var found = Ok(position.Adjust(2, AdjustmentReason.Found, Clerk, T0));

        Assert.Equal(7.25m, found.Entries.Single().UnitCost);
    }

    [Fact]
    public void A_return_at_an_explicit_cost_becomes_a_new_layer_and_moves_the_average()
    {
        var position = NewPosition(CostingMethod.Average);
        position.Receive(10, 4.00m);

        var returned = Ok(position.Return(10, 6.00m, Clerk, T0, reference: "RMA-7"));

        var entry = returned.Entries.Single();
        Assert.Equal(LedgerEntryType.Returned, entry.Type);
        Assert.Equal(60.00m, entry.TotalCost);
        Assert.Equal(5.00m, position.AverageUnitCost); // (10 x 4 + 10 x 6) / 20
        Assert.Equal(4.00m, position.LastUnitCost);
        Assert.Equal(2, position.Layers.Count);
    }

    [Fact]
    public void A_return_without_a_cost_comes_in_at_the_average()
    {
        var position = NewPosition();
        position.Receive(10, 4.00m);
        position.Receive(10, 5.00m); // average 4.50

        var returned = Ok(position.Return(2, null, Clerk, T0));

        Assert.Equal(4.50m, returned.Entries.Single().UnitCost);
    }

    [Fact]
    public void Empty_position_is_valued_at_zero()
    {
        Assert.Equal(new Valuation(Key, CostingMethod.Fifo, 0, 0, 0), NewPosition().Value());
    }

    [Fact]
    public void Receipt_records_lot_and_expiry_on_the_layer()
    {
        var position = NewPosition();
        Ok(position.Receive(new ReceiveStock(4, 2.50m, "LOT-9", new DateOnly(2027, 1, 31), "PO-1"), Clerk, T0));

        Assert.Equal(new CostLayer(1, 4, 2.50m, T0, "LOT-9", new DateOnly(2027, 1, 31)), position.Layers.Single());
    }
}
