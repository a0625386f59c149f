using System.Text.Json;
using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests;

public class SnapshotTests
{
    private static StockPosition Busy()
    {
        var position = new StockPosition(Key, CostingMethod.Lifo,
            new StockPolicy(AllowNegative: true, ReorderPoint: 5, ReorderQuantity: 20, MaxStock: 100, SafetyStock: 2.5m));
        Ok(position.Receive(new ReceiveStock(10, 4.125m, "LOT-1", new DateOnly(2027, 2, 28), "PO-1", "po-1"), Clerk, T0));
        position.Receive(3, 5.00m);
        position.Issue("done", 4);
        Ok(position.Reserve("held", 2.5m, T0.AddHours(1), Clerk, T0, reference: "ORDER-9"));
        position.Reserve("gone", 1);
        Ok(position.Release("gone", Clerk, T0));
        Ok(position.Adjust(-1, AdjustmentReason.Damage, Clerk, T0, requestId: "adj-1"));
        return position;
    }

    [Fact]
    public void Snapshot_round_trips_through_web_json_exactly()
    {
        var position = Busy();
        var json = SnapshotJson(position);

        var restored = StockPosition.FromSnapshot(JsonSerializer.Deserialize<StockPositionSnapshot>(json, Json)!);

        Assert.Empty(restored.DifferencesFrom(position));
        Assert.Equal(json, SnapshotJson(restored));
        Assert.Equal((CostingMethod.Lifo, position.Policy), (restored.CostingMethod, restored.Policy));
        Assert.Equal(position.Value(), restored.Value());
        Assert.Equal(position.NextExpiry, restored.NextExpiry);
    }

    [Fact]
    public void Snapshot_json_keeps_decimal_scale_and_uses_camel_case()
    {
        var json = SnapshotJson(Busy());

        Assert.Contains("\"unitCost\":4.125", json, StringComparison.Ordinal);
        Assert.Contains("\"averageUnitCost\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Restored_position_still_replays_remembered_requests_and_reservations()
    {
        var restored = ThroughJson(Busy());

        Assert.True(Ok(restored.Receive(new ReceiveStock(10, 4.125m, RequestId: "po-1"), Clerk, T0)).Replayed);
        Assert.True(Ok(restored.Commit("done", Clerk, T0)).Replayed);
        Assert.True(Ok(restored.Release("gone", Clerk, T0)).Replayed);
        Assert.Equal(2.5m, restored.Reserved);
    }

    [Fact]
    public void Restored_position_continues_layer_ids_and_sequence()
    {
        var position = Busy();
        var restored = ThroughJson(position);

        var entry = restored.Receive(1, 1m).Entries.Single();

        Assert.Equal(position.Sequence + 1, entry.Sequence);
        Assert.Equal(3, restored.Layers[^1].Id);
    }

    [Fact]
    public void Restored_position_forgets_terminal_reservations_in_the_original_order()
    {
        var position = NewPosition();
        position.Receive(1, 1m);
        for (var i = 0; i < StockPosition.RememberedCount; i++)
        {
            position.Reserve($"r{i}", 1);
            Ok(position.Release($"r{i}", Clerk, T0));
        }

        var restored = ThroughJson(position);
        restored.Reserve("next", 1);
        Ok(restored.Release("next", Clerk, T0));

        Assert.Null(restored.FindReservation("r0"));
        Assert.NotNull(restored.FindReservation("r1"));
    }

    [Fact]
    public void A_snapshot_that_contradicts_itself_is_rejected()
    {
        var snapshot = Busy().ToSnapshot();

        Assert.Throws<InvalidOperationException>(() => StockPosition.FromSnapshot(snapshot with { TerminalReservationOrder = [] }));
        Assert.Throws<InvalidOperationException>(() => StockPosition.FromSnapshot(snapshot with { NextLayerId = 1 }));
    }

    [Fact]
    public void Snapshot_of_a_new_position_round_trips()
    {
        var position = NewPosition(CostingMethod.Average);

        Assert.Empty(ThroughJson(position).DifferencesFrom(position));
    }
}
