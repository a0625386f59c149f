using Inventory.Grains.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Streams;

namespace Inventory.Events;

public static class LedgerStreamsSiloBuilderExtensions
{
    /// <summary>How often each pulling agent asks its queue for events (a queue reads the ledger only when woken, polling or waiting at a gap).</summary>
    public static readonly TimeSpan PullPeriod = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// The ledger as an Orleans persistent stream provider (<see cref="LedgerStreams.ProviderName"/>): its queues read
    /// the committed ledger, Orleans balances them over the silos, and only implicit subscriptions consume them (the
    /// alert grains, the live feed), so no pub-sub store is needed. A consumer that fails is retried without a time
    /// limit (MaxEventDeliveryTime infinite): an event is never skipped; a stuck consumer holds its queue's cache until
    /// the cache is full, and then that queue stops reading. Needs the NpgsqlDataSource of AddInventoryPostgres.
    /// </summary>
    public static ISiloBuilder AddLedgerStreams(this ISiloBuilder silo, Action<LedgerStreamOptions>? configure = null)
    {
        silo.Services.AddOptions<LedgerStreamOptions>();
        if (configure is not null) silo.Services.Configure(configure);
        silo.Services.TryAddSingleton(TimeProvider.System);
        return silo.AddPersistentStreams(LedgerStreams.ProviderName, LedgerQueueAdapterFactory.Create, stream =>
        {
            stream.Configure<StreamPubSubOptions>(o => o.Configure(p => p.PubSubType = StreamPubSubType.ImplicitOnly));
            stream.ConfigurePullingAgent(o => o.Configure(a =>
            {
                a.GetQueueMsgsTimerPeriod = PullPeriod;
                a.MaxEventDeliveryTime = Timeout.InfiniteTimeSpan;
            }));
        });
    }
}
