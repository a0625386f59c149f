namespace Inventory.Runtime;

/// <summary>
/// Base class of grain implementations. The runtime creates one instance per activation (services come in
/// through the constructor), runs <see cref="OnActivateAsync"/> as the first turn, then runs calls one at a time.
/// </summary>
public abstract class Grain
{
    private Activation? _activation;

    /// <summary>Set by the runtime before <see cref="OnActivateAsync"/>.</summary>
    public GrainId GrainId { get; private set; }

    public string GrainKey => GrainId.Key;

    protected IGrainFactory GrainFactory => Activation.Runtime;

    protected TimeProvider TimeProvider => Activation.Runtime.TimeProvider;

    private Activation Activation =>
        _activation ?? throw new InvalidOperationException($"{GetType().Name} is not activated by a grain runtime (did the constructor use it?).");

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A timer whose ticks run as turns of this activation (never concurrently with calls); disposed on deactivation.
    /// Ticks do not count as activity for idle collection. A tick that is still queued or running when the timer fires
    /// again is not doubled. Pass <see cref="Timeout.InfiniteTimeSpan"/> as period for a one-shot timer.
    /// </summary>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(callback, dueTime, period);
    }

    /// <summary>Ask to be deactivated after the current turn (for a batching grain: after the current batch commits).</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation(DeactivationReason.Requested);

    internal void Attach(Activation activation)
    {
        _activation = activation;
        GrainId = activation.Id;
    }
}
