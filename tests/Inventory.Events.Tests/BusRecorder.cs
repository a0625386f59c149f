using System.Collections.Concurrent;
using System.Diagnostics;
using Inventory.Grains.Events;

namespace Inventory.Events.Tests;

/// <summary>Records every event published on the bus's "all" stream, with when it arrived.</summary>
internal sealed class BusRecorder : IDisposable
{
    private readonly ConcurrentQueue<(IInventoryEvent Event, long ArrivedAt)> _events = new();
    private readonly IDisposable _subscription;

    public BusRecorder(IStreamBus bus) =>
        _subscription = bus.Subscribe<IInventoryEvent>(EventStreams.All, (_, e) =>
        {
            _events.Enqueue((e, Stopwatch.GetTimestamp()));
            return Task.CompletedTask;
        });

    public IReadOnlyList<IInventoryEvent> Events => [.. _events.Select(e => e.Event)];

    public IReadOnlyList<(IInventoryEvent Event, long ArrivedAt)> Timed => [.. _events];

    public IReadOnlyList<T> Of<T>() where T : IInventoryEvent => [.. _events.Select(e => e.Event).OfType<T>()];

    public void Dispose() => _subscription.Dispose();
}
