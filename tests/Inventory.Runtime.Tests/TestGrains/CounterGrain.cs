namespace Inventory.Runtime.Tests.TestGrains;

public sealed class CounterGrain(Probe probe) : Grain, ICounterGrain
{
    private int _count;
    private int _activationNumber;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activationNumber = probe.OnActivated();
        await probe.Activate.PassAsync();
        if (probe.ShouldFailActivation())
            throw new InvalidOperationException("activation failed on purpose");
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Deactivations.Enqueue((GrainId, reason));
        await probe.Deactivate.PassAsync();
    }

    public Task<int> Increment()
    {
        probe.OnInvoked();
        return Task.FromResult(++_count);
    }

    public Task<int> GetActivationNumber() => Task.FromResult(_activationNumber);

    public Task<GrainId> GetId() => Task.FromResult(GrainId);

    public async Task SlowTurn()
    {
        probe.Enter();
        await Task.Yield();
        await Task.Delay(0);
        await Task.Yield();
        probe.Exit();
    }

    public Task Record(int value)
    {
        probe.ExecutionOrder.Enqueue(value);
        return Task.CompletedTask;
    }

    public Task Fail(string message) => throw new InvalidOperationException(message);

    public Task Block() => probe.Block.PassAsync();

    public Task<int> BlockOther(string key) => DoBlockOther(key);

    public Task DeactivateSelf()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private async Task<int> DoBlockOther(string key)
    {
        await GrainFactory.GetGrain<ICounterGrain>(key).Block();
        return ++_count;
    }
}
