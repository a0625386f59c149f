namespace Inventory.Domain.Tests;

/// <summary>Available, and the day the calendar alone changes it (what the store keeps for queries).</summary>
public class AvailableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 1);

    [Fact]
    public void The_next_change_is_the_day_after_the_earliest_expiry_of_available_stock_not_yet_expired()
    {
        CostLayer[] layers =
        [
            new(1, 5, 1m, T0, "EXPIRED", Today.AddDays(-1)),           // already out of available: no change ahead
            new(2, 5, 1m, T0, "QC", Today.AddDays(2), StockStatus.QualityControl), // never available: no change
            new(3, 0, 1m, T0, "EMPTY", Today.AddDays(1)),               // nothing left in it
            new(4, 5, 1m, T0, "SOON", Today.AddDays(3)),
            new(5, 5, 1m, T0, "TODAY", Today),                          // may be picked today, expired tomorrow
            new(6, 5, 1m, T0, "NONE"),
        ];
        Assert.Equal(Today.AddDays(1), StockPosition.AvailableChangesOn(layers, Today));
        Assert.Equal(Today.AddDays(4), StockPosition.AvailableChangesOn(layers[..4], Today));
        Assert.Null(StockPosition.AvailableChangesOn([layers[0], layers[1], layers[5]], Today));
    }

    [Fact]
    public void Available_from_a_snapshot_is_the_positions_own_on_every_day_around_an_expiry()
    {
        var position = TestData.NewPosition();
        Assert.True(position.Receive(new ReceiveStock(10, 2m, "A", Today.AddDays(1)), TestData.Clerk, T0).IsSuccess);
        Assert.True(position.Receive(new ReceiveStock(4, 3m, "B"), TestData.Clerk, T0).IsSuccess);
        Assert.True(position.Reserve("r-1", 3, T0.AddDays(5), TestData.Clerk, T0).IsSuccess);
        var snapshot = position.ToSnapshot();

        foreach (var (day, expected) in new[] { (Today, 11m), (Today.AddDays(1), 11m), (Today.AddDays(2), 1m) })
        {
            Assert.Equal(expected, position.AvailableOn(day));
            Assert.Equal(expected, StockPosition.AvailableFrom(snapshot.OnHand, snapshot.Reserved, snapshot.Layers, snapshot.Policy, day));
        }
        Assert.Equal(Today.AddDays(2), StockPosition.AvailableChangesOn(snapshot.Layers, Today));
    }
}
