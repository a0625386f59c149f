using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inventory.Grains.Events.Live;

/// <summary>
/// This node's place in the live feed: registers an observer with <see cref="ILiveNodesGrain"/> (again every
/// <see cref="RegistrationInterval"/>) that publishes what it receives on this process's <see cref="IStreamBus"/>,
/// where the SignalR hub and the dashboard metrics take it.
/// </summary>
public sealed partial class LiveNode(IGrainFactory grains, ILocalSiloDetails silo, IStreamBus bus, TimeProvider time, ILogger<LiveNode> logger)
    : BackgroundService, ILiveEventsObserver
{
    public static readonly TimeSpan RegistrationInterval = TimeSpan.FromSeconds(5);

    private ILiveEventsObserver? _reference; // held here: Orleans keeps only a weak reference to an observer

    private string Node => silo.SiloAddress.ToParsableString();

    public async Task OnEventsAsync(IReadOnlyList<IInventoryEvent> events)
    {
        foreach (var item in events)
            await bus.PublishAsync(item);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reference = grains.CreateObjectReference<ILiveEventsObserver>(this);
        using var timer = new PeriodicTimer(RegistrationInterval, time);
        do
        {
            try
            {
                await grains.GetGrain<ILiveNodesGrain>(0).RegisterAsync(Node, _reference);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRegistrationFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await grains.GetGrain<ILiveNodesGrain>(0).UnregisterAsync(Node).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception e)
        {
            LogRegistrationFailed(logger, e);
        }
        if (_reference is not null)
            grains.DeleteObjectReference<ILiveEventsObserver>(_reference);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not (un)register this node for live events; retrying")]
    private static partial void LogRegistrationFailed(ILogger logger, Exception exception);
}
