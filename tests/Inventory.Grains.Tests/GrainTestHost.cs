using Inventory.Domain;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Positions;
using Inventory.Grains.Reservations;
using Inventory.Grains.Storage;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Grains.Tests;

/// <summary>One Orleans silo with the inventory grains over in-memory stores, plus shortcuts the tests share.</summary>
internal sealed class GrainTestHost : IAsyncDisposable
{
    public static readonly Actor Clerk = new("clerk", "warehouse_staff");

    private readonly TestSilo _silo;

    private GrainTestHost(TestSilo silo) => _silo = silo;

    public IGrainFactory Grains => _silo.Grains;
    public TestSilo Silo => _silo;
    public InMemoryStockPositionStore PositionStore => (InMemoryStockPositionStore)_silo.Services.GetRequiredService<IStockPositionStore>();
    public IReservationStore ReservationStore => _silo.Services.GetRequiredService<IReservationStore>();
    public IServiceProvider Services => _silo.Services;

    /// <param name="silo">Orleans settings of the silo, e.g. messaging limits.</param>
    /// <param name="services">Extra services; registered before the grains' defaults, so they win over them.</param>
    public static async Task<GrainTestHost> StartAsync(Action<ISiloBuilder>? silo = null, Action<ReservationOptions>? reservations = null,
        Action<IServiceCollection>? services = null) =>
        new(await TestSilo.StartAsync(s =>
        {
            services?.Invoke(s);
            s.AddInventoryGrains(reservations);
        }, silo));

    public IStockPositionGrain Position(string warehouse, string sku) =>
        Grains.GetGrain<IStockPositionGrain>(new PositionKey(warehouse, sku).ToString());

    public IReservationGrain Reservation(string id) => Grains.GetGrain<IReservationGrain>(id);

    /// <summary>Drops the grain's activation and waits until it is gone; false when it was not active.</summary>
    public Task<bool> DeactivateAsync(IAddressable grain) => Grains.DeactivateAsync(grain);

    public async Task ReceiveAsync(string warehouse, string sku, decimal quantity, decimal unitCost = 1m)
    {
        var result = await Position(warehouse, sku).ReceiveAsync(new ReceiveStock(quantity, unitCost), Clerk);
        Assert.True(result.IsSuccess, result.Failure?.Message);
    }

    /// <summary>
    /// Waits until <paramref name="count"/> calls of this silo's positions wait for their commit (the positions' own
    /// count, the commit queue depth): every one has run its turn and none was answered — the positive signal behind
    /// "nobody was answered early".
    /// </summary>
    public Task CallsWaitingAsync(int count) =>
        Eventually.TrueAsync(() => Services.GetRequiredService<ActivePositions>().Waiting == count, $"{count} calls wait for their commit");

    public ValueTask DisposeAsync() => _silo.DisposeAsync();
}
