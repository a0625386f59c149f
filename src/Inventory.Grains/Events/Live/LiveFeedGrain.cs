using Orleans.Streams;
using Orleans.Streams.Core;

namespace Inventory.Grains.Events.Live;

/// <summary>
/// Takes every event one ledger queue reads (its stream in <see cref="LedgerStreams.QueueNamespace"/>, implicitly)
/// to every node (<see cref="LiveEvents"/>), in the order the queue read them. One activation per queue, so each
/// event goes out once per cluster, whichever silo pulls the queue.
/// </summary>
[ImplicitStreamSubscription(LedgerStreams.QueueNamespace)]
public sealed class LiveFeedGrain(LiveEvents live) : Grain, IGrainWithStringKey, IStreamSubscriptionObserver, IAsyncObserver<LedgerEvents>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<LedgerEvents>().ResumeAsync(this);

    public Task OnNextAsync(LedgerEvents item, StreamSequenceToken? token = null) => live.PublishAsync(item.Events);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
