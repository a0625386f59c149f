using Inventory.Grains.Positions;

namespace Inventory.Grains.Tests;

/// <summary>
/// The position's group commit, on a one-turn-at-a-time scheduler as an activation has: a store held closed by a gate
/// shows that no caller is answered before its write, that concurrent calls share writes, that a failed write fails
/// every call applied on top of it, and that a read waits for what is applied but not yet durable.
/// </summary>
public sealed class CommitQueueTests
{
    /// <summary>An activation's scheduler: one task at a time, continuations back on it.</summary>
    private readonly TaskScheduler _turns = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;

    private Task<T> InTurn<T>(Func<Task<T>> work) => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.None, _turns).Unwrap();

    private Task InTurn(Func<Task> work) => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.None, _turns).Unwrap();

    /// <summary>Runs an empty turn: everything queued on the scheduler before it (answers included) has run by then.</summary>
    private Task Flush() => InTurn(() => Task.CompletedTask);

    /// <summary>A store whose writes wait at a gate the test opens, recording what each write carried.</summary>
    private sealed class GatedStore
    {
        public readonly List<int> Applied = [];
        public readonly List<int[]> Writes = [];
        public TaskCompletionSource Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Exception? FailNext;
        private int _written;

        public async Task WriteAsync()
        {
            var carried = Applied.Skip(_written).ToArray(); // what is applied at the moment the write starts
            Started.TrySetResult();
            await Gate.Task;
            if (FailNext is { } failure) { FailNext = null; throw failure; }
            Writes.Add(carried);
            _written += carried.Length;
        }
    }

    [Fact]
    public async Task No_caller_is_answered_before_the_write_that_carries_its_change()
    {
        var store = new GatedStore();
        var queue = new CommitQueue(store.WriteAsync, _ => { });
        var durable = new List<Task>();
        var calls = Enumerable.Range(1, 3).Select(i => InTurn(() =>
        {
            store.Applied.Add(i);
            var answer = queue.WhenDurableAsync();
            durable.Add(answer);
            return answer;
        })).ToArray();
        await store.Started.Task;
        await Flush();

        Assert.Equal(3, durable.Count);
        Assert.All(durable, answer => Assert.False(answer.IsCompleted));
        store.Gate.SetResult();
        await Task.WhenAll(calls);
        Assert.Equal([1, 2, 3], store.Writes.SelectMany(w => w));
    }

    [Fact]
    public async Task A_thousand_concurrent_changes_share_far_fewer_writes_and_changes_during_a_write_form_the_next_batch()
    {
        var store = new GatedStore();
        var queue = new CommitQueue(store.WriteAsync, _ => { });
        var first = InTurn(() => { store.Applied.Add(0); return queue.WhenDurableAsync(); });
        await store.Started.Task; // the first write is now held at the gate
        var calls = Enumerable.Range(1, 1000).Select(i => InTurn(() => { store.Applied.Add(i); return queue.WhenDurableAsync(); })).ToArray();
        store.Gate.SetResult();
        await first;
        await Task.WhenAll(calls);

        Assert.True(store.Writes.Count <= 3, $"{store.Writes.Count} writes");
        Assert.Equal([0], store.Writes[0]); // the first batch was already being written when the others came
        Assert.Equal(Enumerable.Range(0, 1001), store.Writes.SelectMany(w => w));
    }

    [Fact]
    public async Task A_failed_write_fails_its_batch_every_batch_on_top_of_it_and_every_later_call()
    {
        var store = new GatedStore { FailNext = new InvalidOperationException("disk full") };
        Exception? reported = null;
        var failures = 0;
        var queue = new CommitQueue(store.WriteAsync, e => { reported = e; failures++; });
        var first = InTurn(() => { store.Applied.Add(1); return queue.WhenDurableAsync(); });
        await store.Started.Task;
        var onTop = InTurn(() => { store.Applied.Add(2); return queue.WhenDurableAsync(); });
        await Flush();
        store.Gate.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => onTop);
        await Assert.ThrowsAsync<InvalidOperationException>(() => InTurn(() => { store.Applied.Add(3); return queue.WhenDurableAsync(); }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => InTurn(queue.WhenAllDurableAsync));
        Assert.Equal(1, failures);
        Assert.Equal("disk full", reported!.Message);
        Assert.Empty(store.Writes);
        Assert.False(queue.Busy);
        Assert.False(queue.Settled); // nothing is being written, but memory is ahead of storage for good
    }

    [Fact]
    public async Task A_read_during_a_held_write_returns_only_after_it()
    {
        var store = new GatedStore();
        var queue = new CommitQueue(store.WriteAsync, _ => { });
        Assert.True((await InTurn(() => Task.FromResult(queue.WhenAllDurableAsync()))).IsCompletedSuccessfully); // nothing pending: at once
        var write = InTurn(() => { store.Applied.Add(1); return queue.WhenDurableAsync(); });
        await store.Started.Task;

        var read = await InTurn(() => Task.FromResult(queue.WhenAllDurableAsync()));
        await Flush();
        Assert.False(read.IsCompleted);
        Assert.False(queue.Settled);
        store.Gate.SetResult();
        await read;
        Assert.Single(store.Writes); // the read went on only once the write was done
        await write;
        Assert.False(queue.Busy);
        Assert.True(queue.Settled);
    }
}
