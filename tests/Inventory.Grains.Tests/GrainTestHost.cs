using Inventory.Domain;
using Inventory.Grains.Positions;
using Inventory.Grains.Reservations;
using Inventory.Grains.Storage;
using Inventory.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Grains.Tests;

/// <summary>A whole in-memory runtime with the inventory grains, plus shortcuts the tests share.</summary>
internal sealed class GrainTestHost : IAsyncDisposable
{
    public static readonly Actor Clerk = new("clerk", "warehouse_staff");

    private readonly TestRuntimeHost _host;

    private GrainTestHost(TestRuntimeHost host) => _host = host;

    public IGrainFactory Grains => _host.GrainFactory;
    public GrainRuntime Runtime => _host.Runtime;
    public InMemoryStockPositionStore PositionStore => (InMemoryStockPositionStore)_host.Services.GetRequiredService<IStockPositionStore>();
    public IReservationStore ReservationStore => _host.Services.GetRequiredService<IReservationStore>();
    public IServiceProvider Services => _host.Services;

    public static async Task<GrainTestHost> StartAsync(Action<GrainRuntimeOptions>? options = null, Action<ReservationOptions>? reservations = null,
        Action<IServiceCollection>? services = null) =>
        new(await TestRuntimeHost.StartAsync(b => b.AddInventoryGrains(reservations), options, services));

    public IStockPositionGrain Position(string warehouse, string sku) =>
        Grains.GetGrain<IStockPositionGrain>(new PositionKey(warehouse, sku).ToString());

    public IReservationGrain Reservation(string id) => Grains.GetGrain<IReservationGrain>(id);

    public async Task ReceiveAsync(string warehouse, string sku, decimal quantity, decimal unitCost = 1m)
    {
        var result = await Position(warehouse, sku).ReceiveAsync(new ReceiveStock(quantity, unitCost), Clerk);
        Assert.True(result.IsSuccess, result.Failure?.Message);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
