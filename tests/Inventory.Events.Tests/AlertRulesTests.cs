using Inventory.Domain;
using Inventory.Grains.Alerts;

namespace Inventory.Events.Tests;

public sealed class AlertRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);
    private static readonly AlertOptions Options = new();

    [Fact]
    public void A_healthy_position_holds_no_condition()
    {
        Assert.Empty(AlertRules.Evaluate(50, 10, new StockPolicy(ReorderPoint: 10, MaxStock: 100), [], null, Today, Options));
    }

    [Fact]
    public void Low_stock_is_at_or_below_the_reorder_point_and_needs_one()
    {
        var policy = new StockPolicy(ReorderPoint: 10);
        Assert.Equal([AlertKinds.LowStock], AlertRules.Evaluate(12, 2, policy, [], null, Today, Options).Select(c => c.Kind));
        Assert.Empty(AlertRules.Evaluate(13, 2, policy, [], null, Today, Options));
        Assert.Empty(AlertRules.Evaluate(1, 0, StockPolicy.Default, [], null, Today, Options));
    }

    [Fact]
    public void The_suggested_quantity_is_the_reorder_quantity_else_up_to_max_else_up_to_reorder_point_plus_safety_stock()
    {
        var supply = new SupplyInfo(7, "ACME");
        Assert.Equal(new ReorderSuggestion(25m, 7, "ACME", Today.AddDays(7)),
            AlertRules.Suggest(3, new StockPolicy(ReorderPoint: 5, ReorderQuantity: 25, MaxStock: 100), supply, Today));
        Assert.Equal(97m, AlertRules.Suggest(3, new StockPolicy(ReorderPoint: 5, MaxStock: 100), null, Today).Quantity);
        Assert.Equal(4m, AlertRules.Suggest(3, new StockPolicy(ReorderPoint: 5, SafetyStock: 2), null, Today).Quantity);
        Assert.Equal(2m, AlertRules.Suggest(-2, StockPolicy.Default, null, Today).Quantity);
        Assert.Null(AlertRules.Suggest(0, StockPolicy.Default, null, Today).Quantity);
    }

    [Fact]
    public void Expiring_lots_count_only_stock_left_within_the_horizon_and_an_expired_lot_is_critical()
    {
        CostLayer Layer(long id, decimal quantity, string lot, int days) => new(id, quantity, 1m, DateTimeOffset.UnixEpoch, lot, Today.AddDays(days));
        var layers = new[] { Layer(1, 5, "A", 31), Layer(2, 0, "B", 2), Layer(3, 4, "C", 30), Layer(4, 1, "D", -1) };

        var condition = Assert.Single(AlertRules.Evaluate(100, 0, StockPolicy.Default, layers, null, Today, Options));
        Assert.Equal((AlertKinds.ExpiringLots, AlertSeverities.Critical), (condition.Kind, condition.Severity));
        Assert.Equal([new ExpiringLot("D", 1, Today.AddDays(-1), -1), new ExpiringLot("C", 4, Today.AddDays(30), 30)], condition.Details.ExpiringLots);
        Assert.Contains("expired 1 days ago", condition.Message);

        var shortHorizon = new AlertOptions { ExpiryHorizon = TimeSpan.FromDays(10) };
        Assert.Equal(["D"], AlertRules.ExpiringLots(layers, Today, shortHorizon).Select(l => l.Lot));
    }
}
