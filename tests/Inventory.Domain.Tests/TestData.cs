using System.Text.Json;

namespace Inventory.Domain.Tests;

/// <summary>Shared fixtures: one position key, one clerk, one clock origin, and snapshot JSON.</summary>
internal static class TestData
{
    public static readonly PositionKey Key = new("WH1", "SKU-1");
    public static readonly Actor Clerk = new("alice", "clerk");
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static StockPosition NewPosition(CostingMethod method = CostingMethod.Fifo, bool allowNegative = false) =>
        new(Key, method, new StockPolicy(AllowNegative: allowNegative));

    public static string SnapshotJson(StockPosition position) => JsonSerializer.Serialize(position.ToSnapshot(), Json);

    public static StockPosition ThroughJson(StockPosition position) =>
        StockPosition.FromSnapshot(JsonSerializer.Deserialize<StockPositionSnapshot>(SnapshotJson(position), Json)!);

    public static Movement Ok(Result<Movement> result)
    {
        Assert.True(result.IsSuccess, result.IsSuccess ? "" : $"{result.Failure!.Code}: {result.Failure.Message}");
        return result.Value;
    }

    public static Failure Fails(Result<Movement> result, string code)
    {
        Assert.False(result.IsSuccess, "expected a failure, got success");
        Assert.Equal(code, result.Failure!.Code);
        return result.Failure;
    }

    public static Movement Receive(this StockPosition position, decimal quantity, decimal unitCost, string? requestId = null) =>
        Ok(position.Receive(new ReceiveStock(quantity, unitCost, RequestId: requestId), Clerk, T0));

    public static Movement Reserve(this StockPosition position, string id, decimal quantity) =>
        Ok(position.Reserve(id, quantity, T0.AddHours(1), Clerk, T0));

    /// <summary>Reserve then commit: how stock leaves through a checkout.</summary>
    public static Movement Issue(this StockPosition position, string id, decimal quantity)
    {
        position.Reserve(id, quantity);
        return Ok(position.Commit(id, Clerk, T0));
    }

    /// <summary>Every entry the position produced, to fold from. Tests keep it next to the position.</summary>
    public static void Record(this List<LedgerEntry> ledger, Movement movement) => ledger.AddRange(movement.Entries);
}
