using Inventory.Domain;
using Inventory.Grains;
using Inventory.Grains.Positions;
using Inventory.Grains.Reservations;
using Inventory.Grains.Storage;
using Inventory.Storage.Postgres.Hosting;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Inventory.Storage.Postgres.Tests.Grains;

/// <summary>An Orleans silo with the inventory grains and the PostgreSQL stores over one test database.</summary>
internal sealed class PostgresGrainHost : IAsyncDisposable
{
    public static readonly Actor Clerk = new("clerk", "warehouse_staff");
    private readonly TestSilo _host;

    private PostgresGrainHost(TestSilo host) => _host = host;

    public IGrainFactory Grains => _host.Grains;
    public IStockPositionStore Positions => _host.Services.GetRequiredService<IStockPositionStore>();
    public IReservationStore Reservations => _host.Services.GetRequiredService<IReservationStore>();
    public IServiceProvider Services => _host.Services;

    /// <param name="clock">A fake clock for the grains and stores instead of real time.</param>
    public static async Task<PostgresGrainHost> StartAsync(string connectionString, Action<ReservationOptions>? reservations = null,
        FakeTimeProvider? clock = null) =>
        new(await TestSilo.StartAsync(s =>
        {
            if (clock is not null) s.UseFakeClock(clock);
            s.AddInventoryPostgres(connectionString).AddInventoryGrains(reservations);
        }));

    public IStockPositionGrain Position(string warehouse, string sku) =>
        Grains.GetGrain<IStockPositionGrain>(new PositionKey(warehouse, sku).ToString());

    public IReservationGrain Reservation(string id) => Grains.GetGrain<IReservationGrain>(id);

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
