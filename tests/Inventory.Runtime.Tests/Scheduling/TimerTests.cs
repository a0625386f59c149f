using Inventory.Runtime.Tests.TestGrains;

namespace Inventory.Runtime.Tests.Scheduling;

public sealed class TimerTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(1);

    private readonly Probe _probe = new();

    [Fact]
    public async Task TimerTicksRunAsTurnsNeverConcurrentlyWithCalls()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<ITimerGrain>("t");
        await grain.StartTimer(TimeSpan.Zero, Fast);

        for (var round = 0; round < 20; round++)
            await Eventually.Within(Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(grain.Work))));
        await Eventually.TrueAsync(() => _probe.Ticks >= 5, "the timer ticked");

        Assert.Equal(0, _probe.Overlaps);
    }

    [Fact]
    public async Task TimerStopsTickingWhenTheActivationIsDeactivated()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<ITimerGrain>("t");
        await grain.StartTimer(TimeSpan.Zero, Fast);
        await Eventually.TrueAsync(() => _probe.Ticks >= 3, "the timer ticked");

        Assert.True(await host.Runtime.DeactivateAsync(new GrainId(nameof(ITimerGrain), "t")));
        var ticks = _probe.Ticks;
        await Task.Delay(100); // ample time for a leaked timer to tick again

        Assert.Equal(ticks, _probe.Ticks);
        Assert.Equal(0, _probe.TicksAfterDeactivation);
    }

    [Fact]
    public async Task TimerTicksDoNotKeepAnActivationFromBeingCollected()
    {
        await using var host = await TestHosts.StartAsync(_probe, o =>
        {
            o.CollectionAge = TimeSpan.FromMilliseconds(100);
            o.CollectionQuantum = TimeSpan.FromMilliseconds(20);
        });
        var grain = host.GrainFactory.GetGrain<ITimerGrain>("t");
        await grain.StartTimer(TimeSpan.Zero, TimeSpan.FromMilliseconds(5));

        await Eventually.TrueAsync(() => !_probe.Deactivations.IsEmpty, "the activation was collected");

        Assert.Equal(DeactivationReason.IdleCollection, Assert.Single(_probe.Deactivations).Reason);
        Assert.Equal(0, _probe.TicksAfterDeactivation);
    }

    [Fact]
    public async Task AOneShotTimerTicksOnce()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<ITimerGrain>("t");

        await grain.StartTimer(TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
        await Eventually.TrueAsync(() => _probe.Ticks == 1, "the timer ticked");
        await Task.Delay(100);

        Assert.Equal(1, _probe.Ticks);
    }

    [Fact]
    public async Task ADisposedTimerStopsTicking()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<ITimerGrain>("t");
        await grain.StartTimer(TimeSpan.Zero, Fast);
        await Eventually.TrueAsync(() => _probe.Ticks >= 2, "the timer ticked");

        await grain.StopTimer();
        var ticks = _probe.Ticks;
        await Task.Delay(100);

        Assert.Equal(ticks, _probe.Ticks); // a tick queued before Dispose is skipped
    }
}
