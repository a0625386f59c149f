using System.Text.Json;
using System.Text.Json.Nodes;
using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests.Operations;

/// <summary>Snapshots written before lots, statuses and orders existed still load, with defaults meaning "as before".</summary>
public class SnapshotCompatibilityTests
{
    private static readonly string[] NewSnapshotFields = ["removalStrategy", "incomingOrders"];
    private static readonly string[] NewLayerFields = ["status", "manufacturedOn", "supplier", "purchaseOrder"];
    private static readonly string[] NewEntryFields =
        ["fromStatus", "toStatus", "manufacturedOn", "supplier", "purchaseOrder", "approvedBy", "approvedRole", "qualityAfter", "damagedAfter", "incomingAfter"];

    [Fact]
    public void A_snapshot_without_the_new_fields_loads_as_the_same_position()
    {
        var position = NewPosition(CostingMethod.Lifo);
        Ok(position.Receive(new ReceiveStock(10, 4m, "LOT-1", new DateOnly(2027, 1, 1), RequestId: "po-1"), Clerk, T0));
        position.Issue("done", 3);
        position.Reserve("held", 2);
        var old = JsonNode.Parse(SnapshotJson(position))!.AsObject();
        foreach (var field in NewSnapshotFields) Assert.True(old.Remove(field));
        foreach (var layer in old["layers"]!.AsArray()) foreach (var field in NewLayerFields) layer!.AsObject().Remove(field);
        foreach (var entry in old["recentRequests"]!.AsArray()) foreach (var field in NewEntryFields) entry!.AsObject().Remove(field);

        var restored = StockPosition.FromSnapshot(old.Deserialize<StockPositionSnapshot>(Json)!);

        Assert.Empty(restored.DifferencesFrom(position));
        Assert.Equal((null, RemovalStrategy.Lifo, 0m, 0m, 0m),
            (restored.RemovalStrategy, restored.EffectiveRemovalStrategy, restored.QualityControl, restored.Damaged, restored.Incoming));
        Assert.All(restored.Layers, l => Assert.Equal(StockStatus.Available, l.Status));
        Assert.True(Ok(restored.Receive(new ReceiveStock(10, 4m, RequestId: "po-1"), Clerk, T0)).Replayed);
    }

    [Fact]
    public void Statuses_orders_and_strategy_survive_a_round_trip()
    {
        var position = NewPosition();
        position.RemovalStrategy = RemovalStrategy.Fefo;
        Ok(position.Order("PO-1", 9, Clerk, T0, supplier: "ACME"));
        Ok(position.Receive(new ReceiveStock(4, 2m, "L", new DateOnly(2026, 5, 1), Status: StockStatus.QualityControl,
            ManufacturedOn: new DateOnly(2026, 1, 2), Supplier: "ACME", PurchaseOrder: "PO-1"), Clerk, T0));
        Ok(position.ChangeStatus(1, StockStatus.QualityControl, StockStatus.Damaged, Clerk, T0));

        var restored = ThroughJson(position);

        Assert.Empty(restored.DifferencesFrom(position));
        Assert.Equal(SnapshotJson(position), SnapshotJson(restored));
        Assert.Equal((RemovalStrategy.Fefo, 5m, 3m, 1m), (restored.RemovalStrategy!.Value, restored.Incoming, restored.QualityControl, restored.Damaged));
    }
}
