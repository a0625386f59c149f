using System.Threading.Channels;

namespace Inventory.Storage.Postgres.Grains;

/// <summary>A request waiting for a batched statement; <see cref="Key"/> may appear at most once per batch.</summary>
internal interface IBatchedRequest
{
    object Key { get; }

    bool TrySetException(Exception exception);
}

/// <summary>
/// Group commit for statements: requests queue up, and each of a few loops takes everything queued (up to a bound)
/// and runs ONE statement for all of it, so while one statement waits for the database the next batch gathers.
/// A batch never holds two requests with the same key (the second waits for the next batch). If the statement
/// fails, every request of its batch fails with the exception.
/// </summary>
internal sealed class StatementBatcher<TRequest> : IAsyncDisposable where TRequest : class, IBatchedRequest
{
    private readonly Channel<TRequest> _queue = Channel.CreateUnbounded<TRequest>();
    private readonly Func<List<TRequest>, Task> _execute;
    private readonly int _maxBatch;
    private readonly Task[] _loops;

    /// <param name="execute">Runs one statement for the batch and completes each request.</param>
    public StatementBatcher(Func<List<TRequest>, Task> execute, int concurrency, int maxBatch)
    {
        _execute = execute;
        _maxBatch = Math.Max(1, maxBatch);
        _loops = new Task[Math.Max(1, concurrency)];
        for (var i = 0; i < _loops.Length; i++)
            _loops[i] = Task.Run(RunAsync);
    }

    public void Enqueue(TRequest request)
    {
        if (!_queue.Writer.TryWrite(request))
            throw new ObjectDisposedException(nameof(StatementBatcher<TRequest>));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private async Task RunAsync()
    {
        var batch = new List<TRequest>(_maxBatch);
        var keys = new HashSet<object>();
        TRequest? carried = null;
        while (carried is not null || await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            keys.Clear();
            if (carried is not null)
            {
                batch.Add(carried);
                keys.Add(carried.Key);
                carried = null;
            }
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var next))
            {
                if (!keys.Add(next.Key))
                {
                    carried = next;
                    break;
                }
                batch.Add(next);
            }
            try
            {
                await _execute(batch);
            }
            catch (Exception e)
            {
                foreach (var request in batch)
                    request.TrySetException(e);
            }
        }
    }
}
