namespace Inventory.Runtime.Tests.TestGrains;

public sealed class TimerGrain(Probe probe) : Grain, ITimerGrain
{
    private IDisposable? _timer;
    private volatile bool _deactivated;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivated = true;
        probe.Deactivations.Enqueue((GrainId, reason));
        return Task.CompletedTask;
    }

    public Task StartTimer(TimeSpan dueTime, TimeSpan period)
    {
        _timer = RegisterTimer(TickAsync, dueTime, period);
        return Task.CompletedTask;
    }

    public Task StopTimer()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task Work()
    {
        probe.Enter();
        await Task.Yield();
        await Task.Yield();
        probe.Exit();
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        probe.Enter();
        probe.OnTick(_deactivated);
        await Task.Yield();
        await Task.Yield();
        probe.Exit();
    }
}
