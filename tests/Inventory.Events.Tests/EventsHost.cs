using Inventory.Domain;
using Inventory.Grains;
using Inventory.Grains.Alerts;
using Inventory.Grains.Events;
using Inventory.Grains.Positions;
using Inventory.TestSupport;
using Inventory.Storage.Postgres.Alerts;
using Inventory.Storage.Postgres.Events;
using Inventory.Storage.Postgres.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Events.Tests;

/// <summary>
/// An Orleans silo over one test database with the ledger event pump, the alert grains and any extra consumers:
/// the same wiring as the server, minus HTTP. Disposing it is a clean shutdown (a "restart" is a new host).
/// </summary>
internal sealed class EventsHost : IAsyncDisposable
{
    public static readonly Actor Clerk = new("clerk", "warehouse_staff");

    private readonly TestSilo _host;

    private EventsHost(TestSilo host)
    {
        _host = host;
        Bus = new BusRecorder(host.Services.GetRequiredService<IStreamBus>());
    }

    public BusRecorder Bus { get; }

    public IServiceProvider Services => _host.Services;

    public LedgerEventPump Pump => _host.Services.GetRequiredService<LedgerEventPump>();

    public AlertInbox Alerts => _host.Services.GetRequiredService<AlertInbox>();

    /// <param name="pump">False: grains only, no events (a process that writes while consumers are down).</param>
    public static async Task<EventsHost> StartAsync(
        string connectionString,
        IEnumerable<IEventConsumer>? consumers = null,
        Action<LedgerEventPumpOptions>? pumpOptions = null,
        Action<AlertOptions>? alertOptions = null,
        bool pump = true,
        bool alerts = true)
    {
        var host = await TestSilo.StartAsync(s =>
        {
            s.AddInventoryPostgres(connectionString).AddPostgresAlerts();
            s.AddInventoryGrains();
            if (alerts) s.AddStockAlerts(alertOptions);
            foreach (var consumer in consumers ?? [])
                s.AddSingleton(consumer);
            if (pump) s.AddLedgerEventPump(pumpOptions);
        });
        var events = new EventsHost(host);
        if (pump)
            await events.Pump.Started.WaitAsync(Eventually.Timeout);
        return events;
    }

    public IStockPositionGrain Position(string warehouse, string sku) =>
        _host.Grains.GetGrain<IStockPositionGrain>(new PositionKey(warehouse, sku).ToString());

    public IStockAlertGrain AlertsOf(string warehouse, string sku) =>
        _host.Grains.GetGrain<IStockAlertGrain>(new PositionKey(warehouse, sku).ToString());

    public async Task<Movement> ReceiveAsync(string warehouse, string sku, decimal quantity, string? lot = null, DateOnly? expiresOn = null,
        string? reference = null)
    {
        var result = await Position(warehouse, sku).ReceiveAsync(new ReceiveStock(quantity, 2m, lot, expiresOn, reference), Clerk);
        Assert.True(result.IsSuccess, result.Failure?.Message);
        return result.Value;
    }

    public async Task<Movement> ReserveAsync(string warehouse, string sku, string reservationId, decimal quantity)
    {
        var result = await Position(warehouse, sku).ReserveAsync(reservationId, quantity, DateTimeOffset.UtcNow.AddHours(1), Clerk, "order-1");
        Assert.True(result.IsSuccess, result.Failure?.Message);
        return result.Value;
    }

    public async Task<Movement> ReleaseAsync(string warehouse, string sku, string reservationId)
    {
        var result = await Position(warehouse, sku).ReleaseAsync(reservationId, Clerk);
        Assert.True(result.IsSuccess, result.Failure?.Message);
        return result.Value;
    }

    public async ValueTask DisposeAsync()
    {
        Bus.Dispose();
        await _host.DisposeAsync();
    }
}
