using Inventory.Grains.Events;

namespace Inventory.Events.Tests;

/// <summary>A checkpointed consumer that records what it was handed; it can be told to fail its next calls.</summary>
internal sealed class RecordingConsumer(string name) : IEventConsumer
{
    private readonly Lock _lock = new();
    private readonly List<StockEvent> _events = [];
    private int _failures;

    public string Name => name;

    public int Calls { get; private set; }

    public IReadOnlyList<StockEvent> Events
    {
        get
        {
            lock (_lock) return [.. _events];
        }
    }

    public void FailNext(int calls) => Interlocked.Exchange(ref _failures, calls);

    public Task HandleAsync(IReadOnlyList<StockEvent> events, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Calls++;
            if (_failures > 0)
            {
                _failures--;
                throw new InvalidOperationException("Told to fail.");
            }
            _events.AddRange(events);
        }
        return Task.CompletedTask;
    }
}
