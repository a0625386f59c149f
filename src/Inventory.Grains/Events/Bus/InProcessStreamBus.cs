using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inventory.Grains.Events;

/// <summary>
/// <see cref="IStreamBus"/> in process memory. Every subscription owns an unbounded queue and a reader loop, so a
/// slow subscriber only delays itself (and grows its own queue).
/// </summary>
public sealed class InProcessStreamBus : IStreamBus, IDisposable
{
    private readonly ConcurrentDictionary<StreamId, StreamSubscription[]> _byStream = new();
    private readonly ConcurrentDictionary<string, StreamSubscription[]> _byNamespace = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    public InProcessStreamBus()
        : this(NullLogger<InProcessStreamBus>.Instance)
    {
    }

    public InProcessStreamBus(ILogger<InProcessStreamBus> logger) => _logger = logger;

    public ValueTask PublishAsync<T>(StreamId stream, T item)
    {
        ArgumentNullException.ThrowIfNull(stream.Namespace);
        if (_byStream.TryGetValue(stream, out var subscriptions))
        {
            foreach (var subscription in subscriptions)
                subscription.Offer(stream, item);
        }
        if (_byNamespace.TryGetValue(stream.Namespace, out subscriptions))
        {
            foreach (var subscription in subscriptions)
                subscription.Offer(stream, item);
        }
        return ValueTask.CompletedTask;
    }

    public IDisposable Subscribe<T>(StreamId stream, Func<StreamId, T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(stream.Namespace);
        ArgumentNullException.ThrowIfNull(stream.Key);
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new StreamSubscription<T>(handler, _logger, s => Remove(_byStream, stream, s));
        Add(_byStream, stream, subscription);
        return subscription;
    }

    public IDisposable SubscribeNamespace<T>(string @namespace, Func<StreamId, T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new StreamSubscription<T>(handler, _logger, s => Remove(_byNamespace, @namespace, s));
        Add(_byNamespace, @namespace, subscription);
        return subscription;
    }

    /// <summary>Ends every subscription; items not yet handled are dropped.</summary>
    public void Dispose()
    {
        foreach (var entry in _byStream)
            Array.ForEach(entry.Value, s => s.Dispose());
        foreach (var entry in _byNamespace)
            Array.ForEach(entry.Value, s => s.Dispose());
    }

    // Copy-on-write arrays: publishing (hot) reads a snapshot without locks; subscribing is rare.
    private static void Add<TKey>(ConcurrentDictionary<TKey, StreamSubscription[]> map, TKey key, StreamSubscription subscription)
        where TKey : notnull =>
        map.AddOrUpdate(key, static (_, s) => [s], static (_, existing, s) => [.. existing, s], subscription);

    private static void Remove<TKey>(ConcurrentDictionary<TKey, StreamSubscription[]> map, TKey key, StreamSubscription subscription)
        where TKey : notnull
    {
        while (map.TryGetValue(key, out var existing))
        {
            var index = Array.IndexOf(existing, subscription);
            if (index < 0)
                return;
            if (existing.Length == 1)
            {
                if (map.TryRemove(KeyValuePair.Create(key, existing)))
                    return;
                continue;
            }
            var remaining = new StreamSubscription[existing.Length - 1];
            Array.Copy(existing, 0, remaining, 0, index);
            Array.Copy(existing, index + 1, remaining, index, remaining.Length - index);
            if (map.TryUpdate(key, remaining, existing))
                return;
        }
    }
}
