namespace Inventory.Runtime.Tests.TestGrains;

/// <summary>A group-committing grain: calls change memory, CommitBatchAsync writes the total once per batch.</summary>
public sealed class BatchGrain(Probe probe, BatchProbe batches, IGrainStorage storage) : Grain, IBatchGrain, IBatchCommitting
{
    public const string StateName = "batch";

    private int _activationNumber;
    private int _total;
    private long _version;
    private int _pendingCalls;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activationNumber = probe.OnActivated();
        var stored = await storage.ReadAsync<int>(StateName, GrainKey, cancellationToken);
        (_total, _version) = stored is null ? (0, 0L) : (stored.State, stored.Version);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Deactivations.Enqueue((GrainId, reason));
        return Task.CompletedTask;
    }

    public Task<AddResult> Add(int amount)
    {
        probe.Enter();
        _pendingCalls++;
        _total += amount;
        probe.Exit();
        return Task.FromResult(new AddResult(_activationNumber, batches.Commits + 1, _total));
    }

    public Task Fail()
    {
        _pendingCalls++;
        throw new InvalidOperationException("this call fails on purpose");
    }

    public Task<int> GetTotal()
    {
        _pendingCalls++;
        return Task.FromResult(_total);
    }

    public async Task CommitBatchAsync(CancellationToken cancellationToken)
    {
        probe.Enter();
        batches.BatchSizes.Enqueue(_pendingCalls);
        _pendingCalls = 0;
        probe.Exit();
        await probe.Commit.PassAsync();
        if (batches.CommitDelay > TimeSpan.Zero)
            await Task.Delay(batches.CommitDelay, cancellationToken);
        _version = await storage.WriteAsync(StateName, GrainKey, _total, _version, cancellationToken);
        batches.OnCommitted();
    }
}
