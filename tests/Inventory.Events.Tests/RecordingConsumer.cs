using Inventory.Grains.Events;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Inventory.Events.Tests;

/// <summary>
/// Records what <see cref="RecordingGrain"/> instances of one silo were handed by the ledger streams; it can be told
/// to fail their next calls. Register one in a host's services to record (hosts without one record nothing).
/// </summary>
internal sealed class RecordingConsumer
{
    private readonly Lock _lock = new();
    private readonly List<StockEvent> _events = [];
    private int _failures;

    public int Calls { get; private set; }

    /// <summary>Every event handed over, in the order received (ledger order within a queue; queues interleave).</summary>
    public IReadOnlyList<StockEvent> Events
    {
        get
        {
            lock (_lock) return [.. _events];
        }
    }

    /// <summary>The events sorted by ledger seq (the order of the ledger across queues).</summary>
    public IReadOnlyList<StockEvent> InLedgerOrder => [.. Events.OrderBy(e => e.LedgerSeq).ThenBy(e => e.Type == InventoryEventTypes.LevelChanged)];

    public void FailNext(int calls) => Interlocked.Exchange(ref _failures, calls);

    public void Handle(IReadOnlyList<StockEvent> events)
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
    }
}

/// <summary>A consumer of every ledger queue's stream (an implicit subscription, like the live feed's), recording into the silo's <see cref="RecordingConsumer"/>.</summary>
[ImplicitStreamSubscription(LedgerStreams.QueueNamespace)]
internal sealed class RecordingGrain(IServiceProvider services) : Grain, IGrainWithStringKey, IStreamSubscriptionObserver, IAsyncObserver<LedgerEvents>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<LedgerEvents>().ResumeAsync(this);

    public Task OnNextAsync(LedgerEvents item, StreamSequenceToken? token = null)
    {
        services.GetService<RecordingConsumer>()?.Handle(item.Events);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
