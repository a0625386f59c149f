namespace Inventory.Grains.Events;

/// <summary>
/// In-process publish/subscribe. Delivery is asynchronous: publishing never waits for a subscriber, each
/// subscriber receives its items in publish order, one at a time, and a handler that throws is logged and keeps
/// its subscription. A subscriber receives the items assignable to its item type.
/// </summary>
/// <remarks>
/// Handlers run on the bus, not as grain turns: a grain that reacts to a stream should forward the item to a
/// grain call (e.g. <c>GrainFactory.GetGrain&lt;IMyGrain&gt;(key).OnEventAsync(item)</c>).
/// </remarks>
public interface IStreamBus
{
    ValueTask PublishAsync<T>(StreamId stream, T item);

    /// <summary>Receives the items published to one stream until the returned handle is disposed.</summary>
    IDisposable Subscribe<T>(StreamId stream, Func<StreamId, T, Task> handler);

    /// <summary>Receives the items published to every stream of the namespace until the returned handle is disposed.</summary>
    IDisposable SubscribeNamespace<T>(string @namespace, Func<StreamId, T, Task> handler);
}
