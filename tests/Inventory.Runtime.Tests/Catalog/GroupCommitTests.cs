using Inventory.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Runtime.Tests.Catalog;

public sealed class GroupCommitTests
{
    private readonly Probe _probe = new();
    private readonly BatchProbe _batches = new();

    [Fact]
    public async Task ConcurrentCallsAreCommittedInFarFewerBatchesAndAnsweredOnlyAfterTheirCommit()
    {
        _batches.CommitDelay = TimeSpan.FromMilliseconds(5);
        await using var host = await TestHosts.StartAsync(_probe, o => o.MaxBatchSize = 64, _batches);
        var grain = host.GrainFactory.GetGrain<IBatchGrain>("b");

        var calls = Enumerable.Range(0, 1000).Select(_ => Task.Run(async () =>
        {
            var result = await grain.Add(1);
            return (result.Commit, CommittedWhenAnswered: _batches.Commits);
        })).ToArray();
        var answers = await Eventually.Within(Task.WhenAll(calls));

        Assert.All(answers, a => Assert.True(a.CommittedWhenAnswered >= a.Commit, $"answered before commit {a.Commit}"));
        Assert.True(_batches.Commits < 1000 / 4, $"{_batches.Commits} commits for 1000 calls");
        Assert.True(_batches.BatchSizes.Max() <= 64);
        Assert.Equal(1000, _batches.BatchSizes.Sum());
        Assert.Equal(0, _probe.Overlaps);
        Assert.Equal(1000, await grain.GetTotal());
    }

    [Fact]
    public async Task CallsQueuedDuringACommitFormTheNextBatchesOfAtMostMaxBatchSize()
    {
        await using var host = await TestHosts.StartAsync(_probe, o => o.MaxBatchSize = 100, _batches);
        var grain = host.GrainFactory.GetGrain<IBatchGrain>("b");
        var committing = _probe.Commit.HoldNext();
        var first = grain.Add(1);
        await Eventually.Within(committing.Entered);

        var queued = Enumerable.Range(0, 250).Select(_ => grain.Add(1)).ToArray();
        var answeredBeforeCommit = first.IsCompleted;
        committing.Release();
        var results = await Eventually.Within(Task.WhenAll(queued));

        Assert.False(answeredBeforeCommit);
        Assert.Equal([1, 100, 100, 50], _batches.BatchSizes);
        Assert.Equal(1, (await first).Commit);
        Assert.Equal([2, 3, 4], results.Select(r => r.Commit).Distinct());
    }

    [Fact]
    public async Task AThrowingCallFailsOnlyItselfAndTheRestOfItsBatchCommits()
    {
        await using var host = await TestHosts.StartAsync(_probe, batches: _batches);
        var grain = host.GrainFactory.GetGrain<IBatchGrain>("b");
        var committing = _probe.Commit.HoldNext();
        var first = grain.Add(1);
        await Eventually.Within(committing.Entered);

        var before = grain.Add(10);
        var failing = grain.Fail();
        var after = grain.Add(100);
        committing.Release();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Eventually.Within(failing));
        Assert.Equal(111, (await Eventually.Within(after)).Total);
        Assert.Equal(2, (await before).Commit);
        Assert.Equal([1, 3], _batches.BatchSizes);
        Assert.Equal(111, (await ReadStoredTotal(host))!.State);
    }

    [Fact]
    public async Task AFailedCommitFailsItsBatchDropsTheStateAndQueuedCallsSucceedOnTheNextActivation()
    {
        await using var host = await TestHosts.StartAsync(_probe, batches: _batches);
        var grain = host.GrainFactory.GetGrain<IBatchGrain>("b");
        Assert.Equal(5, (await grain.Add(5)).Total);
        var committing = _probe.Commit.HoldNext();
        var batch = new[] { grain.Add(1) };
        await Eventually.Within(committing.Entered);

        var queued = new[] { grain.Add(10), grain.Add(100) };
        var failure = new IOException("disk on fire");
        committing.Fail(failure);

        Assert.Same(failure, await Assert.ThrowsAsync<IOException>(() => Eventually.Within(batch[0])));
        var results = await Eventually.Within(Task.WhenAll(queued));
        Assert.Equal([new AddResult(2, 2, 15), new AddResult(2, 2, 115)], results); // +1 was never committed
        Assert.Contains(_probe.Deactivations, d => d.Reason == DeactivationReason.CommitFailed);
        Assert.Equal(115, (await ReadStoredTotal(host))!.State);
    }

    [Fact]
    public async Task AVersionConflictOnCommitDeactivatesWithStateConflictAndTheNextCallReloads()
    {
        await using var host = await TestHosts.StartAsync(_probe, batches: _batches);
        var grain = host.GrainFactory.GetGrain<IBatchGrain>("b");
        await grain.Add(1);
        var storage = host.Services.GetRequiredService<IGrainStorage>();
        await storage.WriteAsync(BatchGrain.StateName, "b", 50, 1); // another writer wins

        await Assert.ThrowsAsync<VersionConflictException>(() => grain.Add(1));

        Assert.Equal(51, (await grain.Add(1)).Total);
        Assert.Contains(_probe.Deactivations, d => d.Reason == DeactivationReason.StateConflict);
        Assert.Equal(2, _probe.Activations);
    }

    private static Task<StoredState<int>?> ReadStoredTotal(TestRuntimeHost host) =>
        host.Services.GetRequiredService<IGrainStorage>().ReadAsync<int>(BatchGrain.StateName, "b");
}
