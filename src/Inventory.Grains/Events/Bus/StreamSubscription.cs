using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Inventory.Grains.Events;

internal abstract class StreamSubscription : IDisposable
{
    public abstract void Offer<TItem>(StreamId stream, TItem item);

    public abstract void Dispose();
}

/// <summary>One subscriber: its own queue and a reader loop that runs the handler for one item at a time.</summary>
internal sealed partial class StreamSubscription<T> : StreamSubscription
{
    private readonly Channel<(StreamId Stream, T Item)> _queue = Channel.CreateUnbounded<(StreamId, T)>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly Func<StreamId, T, Task> _handler;
    private readonly ILogger _logger;
    private readonly Action<StreamSubscription> _unsubscribe;
    private volatile bool _disposed;

    public StreamSubscription(Func<StreamId, T, Task> handler, ILogger logger, Action<StreamSubscription> unsubscribe)
    {
        _handler = handler;
        _logger = logger;
        _unsubscribe = unsubscribe;
        _ = Task.Run(ReadAsync);
    }

    public override void Offer<TItem>(StreamId stream, TItem item)
    {
        if (item is T typed)
            _queue.Writer.TryWrite((stream, typed));
    }

    public override void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _unsubscribe(this);
        _queue.Writer.TryComplete();
    }

    private async Task ReadAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var next))
            {
                if (_disposed)
                    return;
                try
                {
                    await _handler(next.Stream, next.Item).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    StreamHandlerFailed(_logger, e, next.Stream.Namespace, next.Stream.Key);
                }
            }
        }
    }

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Stream handler for {Namespace}/{Key} threw; the subscription continues")]
    private static partial void StreamHandlerFailed(ILogger logger, Exception exception, string @namespace, string key);
}
