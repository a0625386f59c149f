using Inventory.Runtime.Tests.TestGrains;

namespace Inventory.Runtime.Tests.Messaging;

public sealed class TurnTests
{
    private readonly Probe _probe = new();

    [Fact]
    public async Task ConcurrentCallsToOneActivationNeverOverlap()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("k");

        var calls = Enumerable.Range(0, 1000).Select(_ => Task.Run(grain.SlowTurn));
        await Eventually.Within(Task.WhenAll(calls));

        Assert.Equal(0, _probe.Overlaps);
    }

    [Fact]
    public async Task CallsRunInTheOrderTheyWereSent()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("k");

        var calls = new Task[500];
        for (var i = 0; i < calls.Length; i++)
            calls[i] = grain.Record(i);
        await Eventually.Within(Task.WhenAll(calls));

        Assert.Equal(Enumerable.Range(0, calls.Length), _probe.ExecutionOrder);
    }

    [Fact]
    public async Task AGrainAwaitingAnotherGrainKeepsItsTurn()
    {
        await using var host = await TestHosts.StartAsync(_probe);
        var caller = host.GrainFactory.GetGrain<ICounterGrain>("caller");
        var blocked = _probe.Block.HoldNext();

        var waitingOnOther = caller.BlockOther("callee");
        await Eventually.Within(blocked.Entered);
        var next = caller.Increment();
        await Task.Delay(50); // gives a reentrant runtime the chance to run it
        var ranDuringOtherCall = next.IsCompleted;
        blocked.Release();

        Assert.False(ranDuringOtherCall);
        Assert.Equal(1, await Eventually.Within(waitingOnOther));
        Assert.Equal(2, await Eventually.Within(next));
    }

    [Fact]
    public async Task AFullMailboxRejectsTheCallAtOnceWithGrainOverloadedException()
    {
        await using var host = await TestHosts.StartAsync(_probe, o => o.MaxMailboxDepth = 10);
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("k");
        var blocked = _probe.Block.HoldNext();
        var running = grain.Block();
        await Eventually.Within(blocked.Entered);
        var queued = Enumerable.Range(0, 10).Select(_ => grain.Increment()).ToArray();

        var rejected = grain.Increment();

        Assert.True(rejected.IsFaulted);
        await Assert.ThrowsAsync<GrainOverloadedException>(() => rejected);
        Assert.All(queued, call => Assert.False(call.IsCompleted));
        blocked.Release();
        Assert.Equal(Enumerable.Range(1, 10), await Eventually.Within(Task.WhenAll(queued)));
        await running;
    }

    [Fact]
    public async Task ACallerWithoutAnswerWithinTheResponseTimeoutGetsTimeoutException()
    {
        await using var host = await TestHosts.StartAsync(_probe, o => o.ResponseTimeout = TimeSpan.FromMilliseconds(500));
        var grain = host.GrainFactory.GetGrain<ICounterGrain>("k");
        var blocked = _probe.Block.HoldNext();
        var running = grain.Block();
        await Eventually.Within(blocked.Entered);
        var queued = grain.Increment();

        await Assert.ThrowsAsync<TimeoutException>(() => Eventually.Within(running));
        await Assert.ThrowsAsync<TimeoutException>(() => Eventually.Within(queued));
        blocked.Release();

        // The queued call timed out before its turn, so it never ran.
        Assert.Equal(1, await grain.Increment());
        Assert.Equal(1, _probe.Invocations);
    }
}
