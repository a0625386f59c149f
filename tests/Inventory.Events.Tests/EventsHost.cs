using Inventory.Domain;
using Inventory.Grains;
using Inventory.Grains.Alerts;
using Inventory.Grains.Events;
using Inventory.Grains.Positions;
using Inventory.Storage.Postgres.Alerts;
using Inventory.Storage.Postgres.Hosting;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Streams;

namespace Inventory.Events.Tests;

/// <summary>
/// An Orleans silo over one test database with the ledger streams, the alert grains and the live feed (recorded from
/// this node's bus): the same wiring as the server, minus HTTP. Disposing it is a clean shutdown (a "restart" is a new
/// host).
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

    /// <summary>What the ledger streams handed to the recording consumer grains (when the host was given one).</summary>
    public RecordingConsumer? Consumer => _host.Services.GetService<RecordingConsumer>();

    public AlertInbox Alerts => _host.Services.GetRequiredService<AlertInbox>();

    /// <summary>Checkpoints are written this often here (the default, 1 s, would make tests wait).</summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(50);

    /// <param name="clock">A fake clock for the grains and the ledger streams (keep it flowing: <see cref="FlowingClock"/>).</param>
    /// <param name="consumer">Records what the ledger streams deliver (<see cref="RecordingGrain"/>).</param>
    /// <param name="streams">False: grains only, no ledger streams (a process that writes while consumers are down).</param>
    public static async Task<EventsHost> StartAsync(
        string connectionString,
        RecordingConsumer? consumer = null,
        Action<LedgerStreamOptions>? streamOptions = null,
        Action<AlertOptions>? alertOptions = null,
        bool streams = true,
        bool alerts = true,
        FakeTimeProvider? clock = null)
    {
        var host = await TestSilo.StartAsync(s =>
        {
            if (clock is not null) s.UseFakeClock(clock);
            s.AddInventoryPostgres(connectionString).AddPostgresAlerts();
            s.AddInventoryGrains();
            if (alerts) s.AddStockAlerts(alertOptions);
            if (consumer is not null) s.AddSingleton(consumer);
        }, silo =>
        {
            if (streams)
            {
                silo.AddLedgerStreams(o =>
                {
                    o.CheckpointInterval = CheckpointInterval;
                    streamOptions?.Invoke(o);
                });
            }
        });
        return new EventsHost(host);
    }

    /// <summary>Waits until every queue's checkpoint has reached <paramref name="seq"/>: everything through it was delivered to every consumer.</summary>
    public static Task DeliveredThroughAsync(string connectionString, long seq, int? queues = null)
    {
        var count = queues ?? new LedgerStreamOptions().Queues;
        return Eventually.TrueAsync(async () => await Sql.ScalarAsync<long>(connectionString,
                "SELECT CASE WHEN count(*) = $1 THEN min(seq) ELSE -1 END FROM event_checkpoints WHERE starts_with(consumer, $2)",
                (long)count, $"ledger-stream/{count}/") >= seq,
            $"every one of {count} ledger queues has delivered through seq {seq}");
    }

    /// <summary>
    /// Waits until this silo's ledger streams have read the ledger twice since this call: the first read that began
    /// after it saw every row committed before it, and its queues had handed what they decided on to Orleans before
    /// the second began. What a test then finds undelivered was held back, not late.
    /// </summary>
    public async Task LedgerReadTwiceAsync()
    {
        var factory = (LedgerQueueAdapterFactory)_host.Services.GetRequiredKeyedService<IQueueAdapterFactory>(LedgerStreams.ProviderName);
        var mark = factory.Reads.Started;
        await Eventually.TrueAsync(() => factory.Reads.Finished > mark + 1, "the ledger streams have read the ledger twice more");
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
