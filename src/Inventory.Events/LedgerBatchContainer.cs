using Inventory.Grains.Events;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using StreamId = Orleans.Runtime.StreamId;

namespace Inventory.Events;

/// <summary>One <see cref="LedgerEvents"/> on one stream, as a queue of the ledger stream provider hands it to Orleans.</summary>
[GenerateSerializer, Alias("inv.LedgerBatchContainer"), Immutable]
public sealed record LedgerBatchContainer(StreamId StreamId, LedgerEvents Events, EventSequenceTokenV2 Token) : IBatchContainer
{
    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events is T item ? [Tuple.Create(item, (StreamSequenceToken)Token)] : [];

    public bool ImportRequestContext() => false;
}
