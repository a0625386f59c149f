using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests;

public class AdjustmentTests
{
    private static StockPosition PositionWith(decimal onHand, bool allowNegative = false)
    {
        var position = NewPosition(allowNegative: allowNegative);
        position.Receive(onHand, 2.00m);
        return position;
    }

    [Fact]
    public void Adjustment_of_zero_is_an_invalid_quantity()
    {
        Fails(PositionWith(10).Adjust(0, AdjustmentReason.Correction, Clerk, T0), ErrorCodes.InvalidQuantity);
    }

    [Fact]
    public void Adjustment_reason_is_stored_lower_case()
    {
        var position = PositionWith(10);

        var entry = Ok(position.Adjust(-1, AdjustmentReason.Theft, Clerk, T0, reference: "CASE-4")).Entries.Single();

        Assert.Equal((LedgerEntryType.Adjusted, "theft", "CASE-4", -1m, 9m), (entry.Type, entry.Reason, entry.Reference, entry.Quantity, entry.OnHandAfter));
    }

    [Fact]
    public void Adjustment_with_an_undefined_reason_is_refused()
    {
        Fails(PositionWith(10).Adjust(1, (AdjustmentReason)42, Clerk, T0), ErrorCodes.InvalidReason);
    }

    [Fact]
    public void Adjustment_with_a_negative_unit_cost_is_refused()
    {
        Fails(PositionWith(10).Adjust(1, AdjustmentReason.Found, Clerk, T0, unitCost: -0.01m), ErrorCodes.InvalidUnitCost);
    }

    [Fact]
    public void Negative_adjustment_cannot_take_reserved_stock()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 8);

        var failure = Fails(position.Adjust(-3, AdjustmentReason.Damage, Clerk, T0), ErrorCodes.InsufficientStock);

        Assert.Equal(2m, failure.Details!["available"]);
        Assert.Equal(3m, failure.Details["requested"]);
        Ok(position.Adjust(-2, AdjustmentReason.Damage, Clerk, T0));
        Assert.Equal(0, position.Available);
    }

    [Fact]
    public void Negative_policy_lets_an_adjustment_take_on_hand_below_zero()
    {
        var position = PositionWith(2, allowNegative: true);

        var movement = Ok(position.Adjust(-5, AdjustmentReason.Correction, Clerk, T0));

        Assert.Equal(-3, position.OnHand);
        Assert.Equal(10.00m, movement.CostOfGoods); // 2 from the layer + 3 uncovered, all at 2.00
    }

    [Fact]
    public void Count_with_the_wrong_expected_on_hand_is_a_mismatch_with_expected_and_current()
    {
        var position = PositionWith(10);

        var failure = Fails(position.SetCount(7, expectedOnHand: 9, Clerk, T0), ErrorCodes.CountMismatch);

        Assert.Equal(9m, failure.Details!["expected"]);
        Assert.Equal(10m, failure.Details["current"]);
        Assert.Equal(10, position.OnHand);
    }

    [Fact]
    public void Count_with_the_right_expected_on_hand_adjusts_by_the_difference()
    {
        var position = PositionWith(10);

        var entry = Ok(position.SetCount(7, expectedOnHand: 10, Clerk, T0)).Entries.Single();

        Assert.Equal((LedgerEntryType.Adjusted, "count", -3m, 7m), (entry.Type, entry.Reason, entry.Quantity, entry.OnHandAfter));
        Assert.Equal(7, position.OnHand);
    }

    [Fact]
    public void Count_above_on_hand_adds_a_layer_at_the_average()
    {
        var position = PositionWith(10);

        var entry = Ok(position.SetCount(12, expectedOnHand: null, Clerk, T0)).Entries.Single();

        Assert.Equal((2m, 2.00m), (entry.Quantity, entry.UnitCost));
        Assert.Equal(12, position.Layers.Sum(l => l.Quantity));
    }

    [Fact]
    public void Count_equal_to_on_hand_succeeds_without_entries()
    {
        var position = PositionWith(10);

        var movement = Ok(position.SetCount(10, expectedOnHand: 10, Clerk, T0));

        Assert.Empty(movement.Entries);
        Assert.False(movement.Replayed);
        Assert.Equal(1, position.Sequence);
    }

    [Fact]
    public void Count_below_reserved_is_refused_without_negative_policy()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 6);

        var failure = Fails(position.SetCount(5, null, Clerk, T0), ErrorCodes.InsufficientStock);

        Assert.Equal(4m, failure.Details!["available"]);
        Assert.Equal(5m, failure.Details["requested"]);
        Ok(position.SetCount(6, null, Clerk, T0));
        Assert.Equal(0, position.Available);
    }

    [Fact]
    public void Count_below_reserved_is_accepted_with_negative_policy()
    {
        var position = PositionWith(10, allowNegative: true);
        position.Reserve("r1", 6);

        Ok(position.SetCount(5, null, Clerk, T0));

        Assert.Equal((5m, -1m), (position.OnHand, position.Available));
    }

    [Fact]
    public void Count_that_raises_an_oversold_position_is_accepted_even_without_negative_policy()
    {
        var position = PositionWith(2, allowNegative: true);
        position.Reserve("r1", 5);
        position.Policy = StockPolicy.Default; // policy tightened while oversold

        Ok(position.SetCount(4, null, Clerk, T0));

        // Still oversold by one (4 on hand, 5 reserved), but available never shows below zero without the negative policy.
        Assert.Equal((-1m, 0m), (position.Sellable - position.Reserved, position.Available));
    }

    [Fact]
    public void Negative_count_is_an_invalid_quantity()
    {
        Fails(PositionWith(10).SetCount(-1, null, Clerk, T0), ErrorCodes.InvalidQuantity);
    }

    [Fact]
    public void Return_adds_stock_as_a_returned_entry()
    {
        var position = PositionWith(10);

        var movement = Ok(position.Return(3, 1.50m, Clerk, T0, reference: "RMA-1"));

        var entry = movement.Entries.Single();
        Assert.Equal((LedgerEntryType.Returned, 3m, 1.50m, 4.50m, 13m), (entry.Type, entry.Quantity, entry.UnitCost, entry.TotalCost, entry.OnHandAfter));
        Assert.Equal(13, position.OnHand);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Return_of_a_non_positive_quantity_is_refused(int quantity)
    {
        Fails(PositionWith(10).Return(quantity, null, Clerk, T0), ErrorCodes.InvalidQuantity);
    }

    [Fact]
    public void Quantities_beyond_the_maximum_are_refused_instead_of_overflowing()
    {
        var position = PositionWith(10);

        Fails(position.Receive(new ReceiveStock(decimal.MaxValue, 1m), Clerk, T0), ErrorCodes.InvalidQuantity);
        Fails(position.Receive(new ReceiveStock(1, decimal.MaxValue), Clerk, T0), ErrorCodes.InvalidUnitCost);
        Fails(position.Adjust(decimal.MinValue, AdjustmentReason.Correction, Clerk, T0), ErrorCodes.InvalidQuantity);
        Ok(position.Receive(new ReceiveStock(StockPosition.MaxQuantity, StockPosition.MaxUnitCost), Clerk, T0));
    }
}
