using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests;

public class RequestIdTests
{
    [Fact]
    public void Repeated_receipt_is_replayed_with_the_levels_of_the_first_result()
    {
        var position = NewPosition();
        position.Receive(10, 2.00m, requestId: "req-1");
        position.Reserve("r1", 4);
        position.Receive(5, 3.00m);

        var replay = Ok(position.Receive(new ReceiveStock(10, 2.00m, RequestId: "req-1"), Clerk, T0));

        Assert.True(replay.Replayed);
        Assert.Empty(replay.Entries);
        Assert.Equal((10m, 0m), (replay.OnHand, replay.Reserved));
        Assert.Equal((15m, 4m, 3L), (position.OnHand, position.Reserved, position.Sequence));
    }

    [Fact]
    public void Repeated_negative_adjustment_is_replayed_with_its_cost_of_goods()
    {
        var position = NewPosition();
        position.Receive(10, 2.00m);
        Ok(position.Adjust(-3, AdjustmentReason.Damage, Clerk, T0, requestId: "adj-1"));

        var replay = Ok(position.Adjust(-3, AdjustmentReason.Damage, Clerk, T0, requestId: "adj-1"));

        Assert.Equal((true, 7m, 6.00m), (replay.Replayed, replay.OnHand, replay.CostOfGoods));
        Assert.Equal(7, position.OnHand);
    }

    [Fact]
    public void Repeated_count_is_replayed_even_when_stock_moved_since()
    {
        var position = NewPosition();
        position.Receive(10, 2.00m);
        Ok(position.SetCount(8, expectedOnHand: 10, Clerk, T0, requestId: "count-1"));
        position.Receive(1, 2.00m);

        var replay = Ok(position.SetCount(8, expectedOnHand: 10, Clerk, T0, requestId: "count-1"));

        Assert.Equal((true, 8m), (replay.Replayed, replay.OnHand));
        Assert.Equal(9, position.OnHand);
    }

    [Fact]
    public void Repeated_return_is_replayed()
    {
        var position = NewPosition();
        Ok(position.Return(2, 1.00m, Clerk, T0, requestId: "ret-1"));

        Assert.True(Ok(position.Return(2, 1.00m, Clerk, T0, requestId: "ret-1")).Replayed);
        Assert.Equal(2, position.OnHand);
    }

    [Fact]
    public void A_request_id_reused_for_a_different_operation_is_a_conflict()
    {
        var position = NewPosition();
        position.Receive(10, 2.00m, requestId: "req-1");

        Fails(position.Receive(new ReceiveStock(11, 2.00m, RequestId: "req-1"), Clerk, T0), ErrorCodes.RequestConflict);
        Fails(position.Return(10, 2.00m, Clerk, T0, requestId: "req-1"), ErrorCodes.RequestConflict);
        Fails(position.Adjust(10, AdjustmentReason.Found, Clerk, T0, requestId: "req-1"), ErrorCodes.RequestConflict);
        Fails(position.SetCount(10, null, Clerk, T0, requestId: "req-1"), ErrorCodes.RequestConflict);
        Assert.Equal(1, position.Sequence);
    }

    [Fact]
    public void A_blank_request_id_is_refused()
    {
        Fails(NewPosition().Receive(new ReceiveStock(1, 1m, RequestId: " "), Clerk, T0), ErrorCodes.ValidationFailed);
    }

    [Fact]
    public void A_refused_request_is_not_remembered_so_it_can_be_retried()
    {
        var position = NewPosition();
        position.Receive(1, 1m);
        Fails(position.Adjust(-5, AdjustmentReason.Damage, Clerk, T0, requestId: "adj-1"), ErrorCodes.InsufficientStock);
        position.Receive(10, 1m);

        var retry = Ok(position.Adjust(-5, AdjustmentReason.Damage, Clerk, T0, requestId: "adj-1"));

        Assert.False(retry.Replayed);
        Assert.Equal(6, position.OnHand);
    }

    [Fact]
    public void Only_the_most_recent_request_ids_are_remembered()
    {
        var position = NewPosition();
        for (var i = 0; i <= StockPosition.RememberedCount; i++)
            position.Receive(1, 1m, requestId: $"req-{i}");

        // req-0 was evicted by the 1001st request: it runs again; req-1 is still remembered
        Assert.False(Ok(position.Receive(new ReceiveStock(1, 1m, RequestId: "req-0"), Clerk, T0)).Replayed);
        Assert.True(Ok(position.Receive(new ReceiveStock(1, 1m, RequestId: "req-2"), Clerk, T0)).Replayed);
        Assert.Equal(StockPosition.RememberedCount + 2, position.OnHand);
        Assert.Equal(StockPosition.RememberedCount, position.ToSnapshot().RecentRequests.Count);
    }
}
