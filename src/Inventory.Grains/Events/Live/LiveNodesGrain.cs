namespace Inventory.Grains.Events.Live;

public sealed class LiveNodesGrain(TimeProvider time) : Grain, ILiveNodesGrain
{
    private readonly Dictionary<string, (ILiveEventsObserver Observer, long SeenAt)> _nodes = new(StringComparer.Ordinal);

    public Task RegisterAsync(string node, ILiveEventsObserver observer)
    {
        _nodes[node] = (observer, time.GetTimestamp());
        return Task.CompletedTask;
    }

    public Task UnregisterAsync(string node)
    {
        _nodes.Remove(node);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ILiveEventsObserver>> GetAsync()
    {
        var now = time.GetTimestamp();
        foreach (var (node, entry) in _nodes.ToList())
        {
            if (time.GetElapsedTime(entry.SeenAt, now) > 3 * LiveNode.RegistrationInterval)
                _nodes.Remove(node);
        }
        return Task.FromResult<IReadOnlyList<ILiveEventsObserver>>([.. _nodes.Values.Select(n => n.Observer)]);
    }
}
