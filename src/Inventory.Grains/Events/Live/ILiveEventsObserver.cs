namespace Inventory.Grains.Events.Live;

/// <summary>A node of the cluster receiving live events, to publish on its own in-process bus (SignalR hub, metrics).</summary>
[Alias("inv.ILiveEventsObserver")]
public interface ILiveEventsObserver : IGrainObserver
{
    [Alias("OnEvents")]
    Task OnEventsAsync(IReadOnlyList<IInventoryEvent> events);
}

/// <summary>
/// Which nodes want live events (key 0, one per cluster). A node registers its observer again every
/// <see cref="LiveNode.RegistrationInterval"/>; one not heard from for three intervals is dropped, so a dead node
/// leaves the list and a fresh activation of this grain (its silo died) fills up again within an interval.
/// </summary>
[Alias("inv.ILiveNodesGrain")]
public interface ILiveNodesGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task RegisterAsync(string node, ILiveEventsObserver observer);

    [Alias("Unregister")]
    Task UnregisterAsync(string node);

    [Alias("Get")]
    Task<IReadOnlyList<ILiveEventsObserver>> GetAsync();
}
