using Microsoft.Extensions.Logging;

namespace Inventory.Grains.Events.Live;

/// <summary>
/// Sends live events to every node of the cluster (<see cref="ILiveNodesGrain"/>), each of which publishes them on
/// its own in-process bus. Best effort, like a SignalR connection: a node that cannot be reached misses them (its
/// clients reconnect and read current state); the durable record is the ledger and the alerts table.
/// </summary>
public sealed partial class LiveEvents(IGrainFactory grains, TimeProvider time, ILogger<LiveEvents> logger)
{
    /// <summary>
    /// Longest wait for one node. A node killed without a goodbye is declared dead within seconds (docs/cluster.md);
    /// until then its calls hang, and this bounds how long the others' feed waits for it.
    /// </summary>
    public static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long the list of nodes is used before it is asked for again.</summary>
    public static readonly TimeSpan NodesCacheAge = TimeSpan.FromSeconds(1);

    private volatile Nodes? _nodes; // shared by every grain of this silo that publishes

    public async Task PublishAsync(IReadOnlyList<IInventoryEvent> events)
    {
        if (events.Count == 0)
            return;
        var nodes = await NodesAsync();
        await Task.WhenAll(nodes.Select(node => SendAsync(node, events)));
    }

    private async Task SendAsync(ILiveEventsObserver node, IReadOnlyList<IInventoryEvent> events)
    {
        try
        {
            await node.OnEventsAsync(events).WaitAsync(NodeTimeout);
        }
        catch (Exception e)
        {
            _nodes = null; // ask again: the node may have gone
            LogNodeUnreachable(logger, e, events.Count);
        }
    }

    private async ValueTask<IReadOnlyList<ILiveEventsObserver>> NodesAsync()
    {
        if (_nodes is { } cached && time.GetElapsedTime(cached.At) < NodesCacheAge)
            return cached.Observers;
        var observers = await grains.GetGrain<ILiveNodesGrain>(0).GetAsync();
        // No node yet (the cluster is starting, or the list's grain was just reactivated): ask again next time.
        _nodes = observers.Count > 0 ? new Nodes(observers, time.GetTimestamp()) : null;
        return observers;
    }

    private sealed record Nodes(IReadOnlyList<ILiveEventsObserver> Observers, long At);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A node did not take {Count} live events; it misses them")]
    private static partial void LogNodeUnreachable(ILogger logger, Exception exception, int count);
}
