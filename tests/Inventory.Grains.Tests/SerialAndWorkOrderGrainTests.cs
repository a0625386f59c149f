using Inventory.Domain;
using Inventory.Domain.Manufacturing;
using Inventory.Domain.Serials;
using Inventory.Grains.Positions;
using Inventory.Grains.Serials;
using Inventory.Grains.WorkOrders;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Inventory.Grains.Tests;

/// <summary>Serial item and work order grains in an Orleans silo over in-memory stores: races, lapsed holds, expired materials, uneven unit costs.</summary>
public sealed class SerialAndWorkOrderGrainTests
{
    private static readonly Actor Clerk = GrainTestHost.Clerk;

    private static Task<TestSilo> Start(Action<SerialOptions>? serials = null, Action<WorkOrderOptions>? workOrders = null,
        FakeTimeProvider? clock = null) =>
        TestSilo.StartAsync(s =>
        {
            if (clock is not null) s.UseFakeClock(clock);
            s.AddInventoryGrains().AddSerialItems(serials).AddWorkOrders(workOrders);
        });

    private static IStockPositionGrain Position(TestSilo host, string warehouse, string sku) =>
        host.Grains.GetGrain<IStockPositionGrain>(new PositionKey(warehouse, sku).ToString());

    private static async Task Register(TestSilo host, string sku, string warehouse, decimal unitCost, params string[] serials)
    {
        var store = host.Services.GetRequiredService<ISerialItemStore>();
        var now = DateTimeOffset.UtcNow;
        var registered = await store.RegisterAsync("r1", [.. serials.Select(s => SerialItem.Register(sku, s, warehouse, "r1", null, Clerk, now))]);
        Assert.False(registered.Refused);
        Assert.True((await Position(host, warehouse, sku).ReceiveAsync(new ReceiveStock(serials.Length, unitCost), Clerk)).IsSuccess);
    }

    [Fact]
    public async Task Of_a_hundred_concurrent_sales_of_one_serial_exactly_one_wins_and_one_unit_leaves()
    {
        await using var host = await Start();
        await Register(host, "PHONE", "W1", 9m, "SN1", "SN2");
        var grain = host.Grains.GetGrain<ISerialItemGrain>(SerialItemGrain.KeyOf("PHONE", "SN1"));

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => grain.MoveAsync(SerialStatus.Sold, "sale", $"INV-{i}", Clerk))));

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorCodes.InvalidTransition, r.Failure!.Code));
        var view = await Position(host, "W1", "PHONE").GetAsync();
        Assert.Equal((1m, 0m), (view.OnHand, view.Reserved));
        Assert.Equal(2, host.Services.GetRequiredService<ISerialItemStore>() is InMemorySerialItemStore store
            ? store.History.Count(h => h.Serial == "SN1") : 0);
    }

    [Fact]
    public async Task A_sale_after_the_positions_hold_lapsed_sells_the_unit_afresh()
    {
        var clock = FakeClock.New();
        await using var host = await Start(serials: o => o.HoldFor = TimeSpan.FromMilliseconds(200), clock: clock);
        await Register(host, "PHONE", "W1", 4m, "SN1");
        var grain = host.Grains.GetGrain<ISerialItemGrain>(SerialItemGrain.KeyOf("PHONE", "SN1"));
        Assert.True((await grain.MoveAsync(SerialStatus.Reserved, "invoice.created", "INV-1", Clerk)).IsSuccess);
        Assert.Equal(1m, (await Position(host, "W1", "PHONE").GetAsync()).Reserved);

        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(0m, (await Position(host, "W1", "PHONE").GetAsync()).Reserved);
        var sold = await grain.MoveAsync(SerialStatus.Sold, "invoice.paid", "INV-1", Clerk);

        Assert.True(sold.IsSuccess, sold.Failure?.Message);
        Assert.Equal((SerialStatus.Sold, 4m), (sold.Value.Item.Status, sold.Value.Item.CostOfGoods));
        var view = await Position(host, "W1", "PHONE").GetAsync();
        Assert.Equal((0m, 0m), (view.OnHand, view.Reserved));
    }

    private static WorkOrderRequest Order(decimal quantity, params (string Sku, decimal Quantity)[] materials) =>
        new("TABLE", quantity, "SHOP", [.. materials.Select(m => new MaterialRequirement(m.Sku, "RAW", m.Quantity))], null);

    [Fact]
    public async Task A_unit_cost_that_does_not_divide_evenly_is_the_exact_decimal_quotient()
    {
        await using var host = await Start();
        Assert.True((await Position(host, "RAW", "WOOD").ReceiveAsync(new ReceiveStock(10, 1m), Clerk)).IsSuccess);
        var order = host.Grains.GetGrain<IWorkOrderGrain>("wo-1");
        Assert.True((await order.CreateAsync(Order(3, ("WOOD", 10)), Clerk)).IsSuccess);

        var completed = await order.CompleteAsync(Clerk);

        Assert.True(completed.IsSuccess, completed.Failure?.Message);
        Assert.Equal((10m, 10m / 3m), (completed.Value.MaterialCost, completed.Value.UnitCost));
        var table = await Position(host, "SHOP", "TABLE").GetAsync();
        Assert.Equal((3m, 10m / 3m), (table.OnHand, table.AverageUnitCost));
    }

    [Fact]
    public async Task A_work_order_whose_materials_expired_cannot_complete_but_can_be_cancelled()
    {
        var clock = FakeClock.New();
        await using var host = await Start(workOrders: o => o.MaterialHold = TimeSpan.FromMilliseconds(300), clock: clock);
        Assert.True((await Position(host, "RAW", "WOOD").ReceiveAsync(new ReceiveStock(10, 1m), Clerk)).IsSuccess);
        var order = host.Grains.GetGrain<IWorkOrderGrain>("wo-1");
        Assert.True((await order.CreateAsync(Order(1, ("WOOD", 4)), Clerk)).IsSuccess);

        clock.Advance(TimeSpan.FromMilliseconds(600));
        var completed = await order.CompleteAsync(Clerk);

        Assert.Equal(ErrorCodes.ReservationNotActive, completed.Failure!.Code);
        Assert.Equal("reserved", (await order.GetAsync())!.Status);
        var cancelled = await order.CancelAsync(Clerk);
        Assert.Equal("cancelled", cancelled.Value.Status);
        Assert.Equal(0m, (await Position(host, "SHOP", "TABLE").GetAsync()).OnHand);
    }
}
