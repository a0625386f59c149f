using Inventory.Runtime.Tests.TestGrains;

namespace Inventory.Runtime.Tests.Catalog;

public sealed class ActivationTests
{
    private readonly Probe _probe = new();

    [Fact]
    public async Task ManyConcurrentFirstCallsCreateExactlyOneActivation()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, 1000)
            .Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return await host.GrainFactory.GetGrain<ICounterGrain>("hot").Increment();
            }))
            .ToArray();

        start.SetResult();
        var counts = await Eventually.Within(Task.WhenAll(calls));

        Assert.Equal(1, _probe.Activations);
        Assert.Equal(Enumerable.Range(1, 1000), counts.Order());
    }

    [Fact]
    public async Task EachKeyGetsItsOwnActivation()
    {
        await using var host = await TestHosts.StartAsync(_probe);

        var calls = Enumerable.Range(0, 400)
            .Select(i => Task.Run(() => host.GrainFactory.GetGrain<ICounterGrain>($"key-{i % 20}").Increment()));
        await Eventually.Within(Task.WhenAll(calls));

        Assert.Equal(20, _probe.Activations);
        Assert.Equal(20, host.Runtime.GetActivations().Count);
    }

    [Fact]
    public async Task GrainIdIsTheInterfaceNameAndTheKey()
    {
        await using var host = await TestHosts.StartAsync(_probe);

        var id = await host.GrainFactory.GetGrain<ICounterGrain>("sku-1").GetId();

        Assert.Equal(new GrainId("ICounterGrain", "sku-1"), id);
        Assert.Equal("ICounterGrain/sku-1", id.ToString());
        Assert.True(host.Runtime.IsActive(id));
    }

    [Fact]
    public async Task AnExceptionFailsOnlyThatCallAndTheActivationKeepsServing()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("k");

        Assert.Equal(1, await grain.Increment());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Fail("boom"));
        Assert.Equal("boom", error.Message);
        Assert.Equal(2, await grain.Increment());

        Assert.Equal(1, _probe.Activations);
    }

    [Fact]
    public async Task FailedActivationFailsTheWaitingCallsAndTheNextCallActivatesAgain()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("k");
        _probe.FailNextActivations(1);
        var activating = _probe.Activate.HoldNext();

        var first = grain.Increment();
        await Eventually.Within(activating.Entered);
        var waiting = Enumerable.Range(0, 10).Select(_ => grain.Increment()).ToArray();
        activating.Release();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        foreach (var call in waiting)
            Assert.Equal("activation failed on purpose", (await Assert.ThrowsAsync<InvalidOperationException>(() => call)).Message);
        Assert.Equal(1, await Eventually.Within(grain.Increment()));
        Assert.Equal(2, _probe.Activations);
    }

    [Fact]
    public async Task DeactivateAsyncDropsTheActivationAndTheNextCallReactivates()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("k");
        var id = await grain.GetId();
        await grain.Increment();

        Assert.True(await host.Runtime.DeactivateAsync(id));

        Assert.False(host.Runtime.IsActive(id));
        Assert.Equal([(id, DeactivationReason.Requested)], _probe.Deactivations);
        Assert.Equal(1, await grain.Increment()); // in-memory state was dropped
        Assert.Equal(2, await grain.GetActivationNumber());
    }

    [Fact]
    public async Task DeactivateAsyncReturnsFalseForAGrainThatIsNotActive()
    {
        await using var host = await TestHosts.StartAsync(_probe);

        Assert.False(await host.Runtime.DeactivateAsync(new GrainId("ICounterGrain", "never-called")));
        Assert.Empty(_probe.Deactivations);
    }

    [Fact]
    public async Task DeactivateOnIdleDeactivatesAfterTheTurn()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("k");
        var id = await grain.GetId();

        await grain.DeactivateSelf();

        await Eventually.TrueAsync(() => !_probe.Deactivations.IsEmpty, "the grain deactivated");
        Assert.Equal([(id, DeactivationReason.Requested)], _probe.Deactivations);
        Assert.Equal(2, await grain.GetActivationNumber());
    }

    [Fact]
    public async Task GetActivationsDescribesEachActivation()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("k");
        await grain.Increment();
        await grain.Increment();
        var id = await grain.GetId();

        var info = Assert.Single(host.Runtime.GetActivations());

        Assert.Equal(id, info.Id);
        Assert.Equal(nameof(CounterGrain), info.GrainClass);
        Assert.Equal(0, info.MailboxDepth);
        Assert.Equal(3, info.CallsTotal);
        Assert.Null(info.OldestCallAge);
        Assert.True(info.CallsPerSecond >= 0);
        Assert.True(info.IdleFor >= TimeSpan.Zero);
    }

    [Fact]
    public async Task OldestCallAgeAndMailboxDepthShowCallsWaiting()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("k");
        var blocked = _probe.Block.HoldNext();
        var block = grain.Block();
        await Eventually.Within(blocked.Entered);
        var queued = new[] { grain.Increment(), grain.Increment() };

        var info = Assert.Single(host.Runtime.GetActivations());
        blocked.Release();
        await Eventually.Within(Task.WhenAll(queued));

        Assert.Equal(2, info.MailboxDepth);
        Assert.NotNull(info.OldestCallAge);
        await block;
    }

    [Fact]
    public async Task StoppingTheRuntimeDeactivatesEveryActivationWithReasonShutdown()
    {
        var host = await TestHosts.StartAsync(_probe);
        for (var i = 0; i < 5; i++)
            await host.GrainFactory.GetGrain<ICounterGrain>($"k{i}").Increment();

        await host.DisposeAsync();

        Assert.Equal(5, _probe.Deactivations.Count);
        Assert.All(_probe.Deactivations, d => Assert.Equal(DeactivationReason.Shutdown, d.Reason));
        Assert.Empty(host.Runtime.GetActivations());
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.GrainFactory.GetGrain<ICounterGrain>("k0").Increment());
    }
}
