namespace Inventory.Runtime;

/// <summary>
/// A timer of one activation. Firing only queues a tick; the tick runs as a turn of the activation. While a tick is
/// queued, further firings are dropped, so a slow callback never piles up ticks.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private ITimer? _timer;
    private volatile bool _disposed;

    public GrainTimer(Activation activation, Func<CancellationToken, Task> callback)
    {
        _activation = activation;
        _callback = callback;
    }

    /// <summary>Guarded by the activation's lock.</summary>
    public bool IsQueued { get; set; }

    public void Start(TimeSpan dueTime, TimeSpan period)
    {
        var timer = _activation.Runtime.TimeProvider.CreateTimer(static state => ((GrainTimer)state!).Fire(), this, dueTime, period);
        _timer = timer;
        if (_disposed)
            timer.Dispose();
    }

    public Task RunAsync(CancellationToken cancellationToken) => _disposed ? Task.CompletedTask : _callback(cancellationToken);

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _timer?.Dispose();
        _activation.OnTimerDisposed(this);
    }

    private void Fire()
    {
        if (!_disposed)
            _activation.OnTimerFired(this);
    }
}
