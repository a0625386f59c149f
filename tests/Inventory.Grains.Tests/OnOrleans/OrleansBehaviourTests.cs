using Inventory.TestSupport;
using Orleans.Configuration;

namespace Inventory.Grains.Tests.OnOrleans;

/// <summary>
/// What the project relies on from Orleans, shown on a real silo: one activation under concurrent first calls, an
/// exception fails only its call, a call during deactivation reaches the next activation, the response timeout, and
/// the bounded request queue per activation (which the HTTP front answers with 503 OVERLOADED).
/// </summary>
public sealed class OrleansBehaviourTests
{
    private static Task<TestSilo> StartAsync(Action<SiloMessagingOptions>? messaging = null) =>
        TestSilo.StartAsync(_ => { }, silo => silo.Configure<SiloMessagingOptions>(o => messaging?.Invoke(o)));

    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Concurrent_first_calls_meet_one_activation()
    {
        await using var silo = await StartAsync();
        var key = NewKey();

        var echoes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => silo.Grains.GetGrain<IProbeGrain>(key).EchoAsync(i))));

        Assert.Equal(Enumerable.Range(0, 200), echoes);
        Assert.Equal(1, ProbeGrain.Activations[key]);
    }

    [Fact]
    public async Task An_exception_fails_only_its_call()
    {
        await using var silo = await StartAsync();
        var key = NewKey();
        var probe = silo.Grains.GetGrain<IProbeGrain>(key);

        var failing = probe.FailAsync();
        var echoes = Enumerable.Range(0, 20).Select(probe.EchoAsync).ToList();

        Assert.Equal("this call fails", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        Assert.Equal(Enumerable.Range(0, 20), await Task.WhenAll(echoes));
        Assert.Equal(1, ProbeGrain.Activations[key]); // the activation lived on
    }

    [Fact]
    public async Task A_call_made_while_the_grain_deactivates_reaches_the_next_activation()
    {
        await using var silo = await StartAsync();
        var key = NewKey();
        var probe = silo.Grains.GetGrain<IProbeGrain>(key);
        await probe.EchoAsync(0);

        var deactivating = probe.DeactivateAsync();
        var echoes = Enumerable.Range(1, 20).Select(probe.EchoAsync).ToList();
        await deactivating;

        Assert.Equal(Enumerable.Range(1, 20), await Task.WhenAll(echoes));
        await probe.EchoAsync(21);
        Assert.Equal(2, ProbeGrain.Activations[key]);
    }

    [Fact]
    public async Task A_call_that_outlives_the_response_timeout_fails_with_a_timeout()
    {
        await using var silo = await StartAsync(o => o.ResponseTimeout = TimeSpan.FromSeconds(1));
        var key = NewKey();
        try
        {
            await Assert.ThrowsAsync<TimeoutException>(() => silo.Grains.GetGrain<IProbeGrain>(key).HoldAsync(key));
        }
        finally
        {
            ProbeGrain.Release(key);
        }
    }

    [Fact]
    public async Task Calls_beyond_the_queue_bound_of_one_activation_are_refused_at_once()
    {
        await using var silo = await StartAsync(o => o.MaxEnqueuedRequestsHardLimit = 5);
        var key = NewKey();
        var probe = silo.Grains.GetGrain<IProbeGrain>(key);
        await probe.EchoAsync(0);

        var held = probe.HoldAsync(key); // runs; everything else queues behind it
        var queued = Enumerable.Range(1, 30).Select(probe.EchoAsync).ToList();
        await Eventually.TrueAsync(() => queued.Count(c => c.IsFaulted) >= 20, "the calls beyond the bound are refused while one runs");
        ProbeGrain.Release(key);
        await held;

        var failures = queued.Where(c => c.IsFaulted).Select(c => c.Exception!.InnerException).ToList();
        Assert.All(failures, e => Assert.IsType<LimitExceededException>(e));
        var answered = queued.Where(c => !c.IsFaulted).ToList();
        Assert.InRange(answered.Count, 1, 10);
        foreach (var call in answered)
            Assert.InRange(await call, 1, 30);
    }
}
