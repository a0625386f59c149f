using Inventory.Runtime.Tests.TestGrains;

namespace Inventory.Runtime.Tests.Catalog;

public sealed class IdleCollectionTests
{
    private static readonly Action<GrainRuntimeOptions> FastCollection = o =>
    {
        o.CollectionAge = TimeSpan.FromMilliseconds(100);
        o.CollectionQuantum = TimeSpan.FromMilliseconds(20);
    };

    private readonly Probe _probe = new();

    [Fact]
    public async Task AnIdleActivationIsDeactivatedAndTheNextCallReactivatesIt()
    {
        await using var host = await TestHosts.StartAsync(_probe, FastCollection);
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("k");
        var id = await grain.GetId();

        await Eventually.TrueAsync(() => !_probe.Deactivations.IsEmpty, "the idle activation was collected");

        Assert.Equal([(id, DeactivationReason.IdleCollection)], _probe.Deactivations);
        Assert.False(host.Runtime.IsActive(id));
        Assert.Equal(2, await grain.GetActivationNumber());
    }

    [Fact]
    public async Task CallsArrivingWhileTheActivationDeactivatesRunOnTheNextActivation()
    {
        await using var host = await TestHosts.StartAsync(_probe, FastCollection);
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("k");
        var deactivating = _probe.Deactivate.HoldNext();
        Assert.Equal(1, await grain.GetActivationNumber());
        await Eventually.Within(deactivating.Entered);

        var calls = Enumerable.Range(0, 500).Select(_ => Task.Run(grain.GetActivationNumber)).ToArray();
        await Eventually.TrueAsync(() => host.Runtime.GetActivations() is [{ MailboxDepth: 500 }], "every call is parked");
        var answeredDuringDeactivation = calls.Count(c => c.IsCompleted);
        deactivating.Release();
        var activations = await Eventually.Within(Task.WhenAll(calls));

        Assert.Equal(0, answeredDuringDeactivation);
        Assert.All(activations, a => Assert.Equal(2, a));
        Assert.Equal(2, _probe.Activations);
    }

    [Fact]
    public async Task CallsQueuedBehindARequestedDeactivationKeepTheirOrderOnTheNextActivation()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("k");
        var id = await grain.GetId();
        var deactivating = _probe.Deactivate.HoldNext();
        var deactivation = host.Runtime.DeactivateAsync(id);
        await Eventually.Within(deactivating.Entered);

        var calls = new Task[200];
        for (var i = 0; i < calls.Length; i++)
            calls[i] = grain.Record(i);
        deactivating.Release();
        await Eventually.Within(Task.WhenAll(calls));

        Assert.True(await deactivation);
        Assert.Equal(Enumerable.Range(0, calls.Length), _probe.ExecutionOrder);
        Assert.Equal(2, _probe.Activations);
    }

    [Fact]
    public async Task NoCallIsLostWhileActivationsAreCollectedContinuously()
    {
        await using var host = await TestHosts.StartAsync(_probe, o =>
        {
            o.CollectionAge = TimeSpan.FromMilliseconds(1);
            o.CollectionQuantum = TimeSpan.FromMilliseconds(1);
        });
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("k");

        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 150; i++)
            {
                await grain.Increment();
                if ((i + w) % 3 == 0)
                    await Task.Delay(1);
            }
        }));
        await Eventually.Within(Task.WhenAll(workers));
        await host.DisposeAsync();

        Assert.Equal(8 * 150, _probe.Invocations);
        Assert.Equal(_probe.Activations, _probe.Deactivations.Count);
    }
}
