namespace Inventory.Grains.Positions;

/// <summary>
/// Group commit inside one reentrant activation: calls change memory, then wait here until their change is durable.
/// </summary>
/// <remarks>
/// THE RULE for every caller: validate and apply the change to memory synchronously, with no <c>await</c> before the
/// state change; then <c>await</c> <see cref="WhenDurableAsync"/>. One write is in flight at a time; changes made
/// while it runs form the next batch, written as soon as it ends. A caller is answered only after the write that
/// carries its change has committed. If a write fails, its batch and every batch applied on top of it fail with that
/// exception, and so does every later call: the activation's memory is ahead of storage, so it must be dropped and
/// the next call reload (the owner is told through <c>onFailed</c>). Not thread-safe: it relies on the activation's
/// one-turn-at-a-time scheduler, so it must never be used after <c>ConfigureAwait(false)</c>.
/// </remarks>
/// <param name="write">
/// Writes everything applied so far and not yet written, as one atomic unit; what is applied while it runs belongs to
/// the next call of it.
/// </param>
/// <param name="onFailed">Called once, on the first failed write (deactivate the activation there).</param>
public sealed class CommitQueue(Func<Task> write, Action<Exception> onFailed)
{
    private TaskCompletionSource? _gathering; // the batch being gathered: applied, not yet being written
    private Task? _writing;                   // the loop writing batches, while one runs
    private Exception? _failed;

    /// <summary>Whether a write is running or a batch is waiting for one.</summary>
    public bool Busy => _writing is not null;

    /// <summary>
    /// Whether every batch handed to this queue has committed: nothing is being written, nothing waits, no write
    /// failed. What the owner applied since its last <see cref="WhenDurableAsync"/> it must check itself.
    /// </summary>
    public bool Settled => _writing is null && _failed is null;

    /// <summary>Completes when every change applied before this call is durable; fails if its write failed.</summary>
    public Task WhenDurableAsync()
    {
        if (_failed is not null)
            return Task.FromException(_failed);
        _gathering ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batch = _gathering.Task;
        _writing ??= WriteBatchesAsync();
        return batch;
    }

    /// <summary>
    /// For reads: completes once nothing applied so far is still unwritten, so a read never shows state that is not
    /// durable yet. Completes at once when nothing is pending.
    /// </summary>
    public Task WhenAllDurableAsync() => _failed is not null ? Task.FromException(_failed) : _gathering?.Task ?? _current ?? Task.CompletedTask;

    private Task? _current; // the batch being written

    private async Task WriteBatchesAsync()
    {
        // Calls that arrive in the same turn (or before the scheduler comes back here) join the first batch.
        await Task.Yield();
        while (_gathering is { } batch)
        {
            _gathering = null;
            _current = batch.Task;
            try
            {
                await write();
            }
            catch (Exception e)
            {
                _failed = e;
                batch.TrySetException(e);
                _gathering?.TrySetException(e); // applied on top of the failed batch
                _gathering = null;
                _current = null;
                _writing = null;
                onFailed(e);
                return;
            }
            batch.TrySetResult();
            _current = null;
        }
        _writing = null;
    }
}
