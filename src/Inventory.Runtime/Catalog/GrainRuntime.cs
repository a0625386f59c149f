using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inventory.Runtime;

/// <summary>
/// The virtual-actor runtime of one process: the activation table (one activation per <see cref="GrainId"/>), the
/// grain factory, the idle collector and the response-timeout sweep. Register it with AddGrainRuntime.
/// </summary>
public sealed class GrainRuntime : IGrainFactory, IHostedService, IAsyncDisposable, IDisposable
{
    /// <summary>The name of the <see cref="Meter"/> the runtime records to.</summary>
    public const string MeterName = "Inventory.Runtime";

    private static readonly Func<GrainId, (GrainRuntime Runtime, GrainType Type), Activation> NewActivation =
        static (id, state) => new Activation(state.Runtime, state.Type, id);

    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly Dictionary<Type, GrainType> _grainTypes = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly long _responseTimeoutTicks;
    private ITimer? _collector;
    private ITimer? _timeoutSweep;
    private volatile bool _isStopping;
    private int _stopped;

    internal GrainRuntime(
        IServiceProvider services,
        GrainRuntimeOptions options,
        IEnumerable<GrainRegistration> registrations,
        TimeProvider timeProvider,
        ILogger<GrainRuntime> logger,
        IMeterFactory meterFactory)
    {
        options.Validate();
        Services = services;
        Options = options;
        TimeProvider = timeProvider;
        Logger = logger;
        Metrics = new RuntimeMetrics(meterFactory.Create(MeterName), () => _activations.Count);
        _responseTimeoutTicks = options.ResponseTimeout == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : (long)(options.ResponseTimeout.TotalSeconds * timeProvider.TimestampFrequency);

        var names = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (_grainTypes.TryGetValue(registration.InterfaceType, out var existing))
            {
                if (existing.GrainClass != registration.GrainClass)
                    throw new InvalidOperationException(
                        $"{registration.InterfaceType.Name} is registered twice, for {existing.GrainClass.Name} and {registration.GrainClass.Name}.");
                continue;
            }
            if (names.TryGetValue(registration.InterfaceType.Name, out var clash))
                throw new InvalidOperationException(
                    $"Grain interfaces {clash.FullName} and {registration.InterfaceType.FullName} share the grain type name {clash.Name}.");
            names.Add(registration.InterfaceType.Name, registration.InterfaceType);
            _grainTypes.Add(registration.InterfaceType, new GrainType(registration.InterfaceType, registration.GrainClass));
        }
    }

    internal IServiceProvider Services { get; }

    internal GrainRuntimeOptions Options { get; }


    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    internal RuntimeMetrics Metrics { get; }

    internal bool IsStopping => _isStopping;

    /// <summary>Canceled when the runtime stops (or its stop is canceled); passed to grain lifecycle and timer callbacks.</summary>
    internal CancellationToken StoppingToken => _stopping.Token;

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_grainTypes.TryGetValue(typeof(TGrainInterface), out var type))
        {
            _ = GrainInterface.For(typeof(TGrainInterface)); // an invalid interface says so first
            throw new InvalidOperationException(
                $"No grain class is registered for {typeof(TGrainInterface).Name}; call AddGrain<{typeof(TGrainInterface).Name}, TGrain>().");
        }
        _ = type.Interface; // validates the interface on first use
        var proxy = DispatchProxy.Create<TGrainInterface, GrainProxy>();
        ((GrainProxy)(object)proxy!).Bind(this, type, new GrainId(type.Name, key));
        return proxy;
    }

    /// <summary>A snapshot of every activation, for admin tooling.</summary>
    public IReadOnlyList<ActivationInfo> GetActivations()
    {
        var now = TimeProvider.GetTimestamp();
        var result = new List<ActivationInfo>(_activations.Count);
        foreach (var entry in _activations)
            result.Add(entry.Value.Describe(now));
        return result;
    }

    /// <summary>
    /// Deactivates one activation after its current turn and waits until it is gone; the next call reloads it. Calls
    /// already queued go to the next activation. False if the grain is not active. Do not await this from inside the
    /// same grain (use DeactivateOnIdle): the deactivation waits for the turn that awaits it.
    /// </summary>
    public async Task<bool> DeactivateAsync(GrainId id, CancellationToken ct = default)
    {
        if (!_activations.TryGetValue(id, out var activation) || activation.IsGone)
            return false;
        activation.RequestDeactivation(DeactivationReason.Requested);
        await activation.Deactivated.WaitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public bool IsActive(GrainId id) => _activations.TryGetValue(id, out var activation) && activation.IsActive;

    /// <summary>Starts the idle collector and the response-timeout sweep.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Options.CollectionAge != Timeout.InfiniteTimeSpan)
            _collector ??= TimeProvider.CreateTimer(static s => ((GrainRuntime)s!).Collect(), this, Options.CollectionQuantum, Options.CollectionQuantum);
        if (Options.ResponseTimeout != Timeout.InfiniteTimeSpan)
        {
            var period = TimeSpan.FromTicks(Math.Clamp(Options.ResponseTimeout.Ticks / 8, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
            _timeoutSweep ??= TimeProvider.CreateTimer(static s => ((GrainRuntime)s!).ExpireCalls(), this, period, period);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Deactivates every activation with reason <see cref="DeactivationReason.Shutdown"/>, awaiting OnDeactivateAsync.
    /// Calls arriving from now on, or still queued, fail with <see cref="InvalidOperationException"/>.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        _isStopping = true;
        _collector?.Dispose();
        _timeoutSweep?.Dispose();
        await using var cancel = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _stopping);
        RuntimeLog.Stopping(Logger, _activations.Count);
        // Repeat: a call that was already past the stopping check may have created an activation meanwhile.
        while (!_activations.IsEmpty)
        {
            var gone = new List<Task>(_activations.Count);
            foreach (var entry in _activations)
            {
                entry.Value.RequestDeactivation(DeactivationReason.Shutdown);
                gone.Add(entry.Value.Deactivated);
            }
            await Task.WhenAll(gone).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(CancellationToken.None));

    /// <summary>
    /// For containers disposed synchronously: rejects new calls and starts deactivating everything without waiting.
    /// Prefer <see cref="StopAsync"/> or <see cref="DisposeAsync"/>, which await OnDeactivateAsync.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        _isStopping = true;
        _collector?.Dispose();
        _timeoutSweep?.Dispose();
        foreach (var entry in _activations)
            entry.Value.RequestDeactivation(DeactivationReason.Shutdown);
        _stopping.Cancel();
    }

    /// <summary>Routes a call to the activation of <paramref name="id"/>, activating it if needed.</summary>
    internal void Send(GrainType type, GrainId id, IGrainCall call)
    {
        call.SentAt = TimeProvider.GetTimestamp();
        Resend(type, id, call);
    }

    /// <summary>Routes a call without restarting its response timeout.</summary>
    internal void Resend(GrainType type, GrainId id, IGrainCall call)
    {
        if (_isStopping)
        {
            call.Fail(new InvalidOperationException($"The grain runtime is stopping; {id}.{call.MethodName} was not run."));
            return;
        }
        while (true)
        {
            var activation = _activations.GetOrAdd(id, NewActivation, (this, type));
            switch (activation.TryEnqueue(call))
            {
                case EnqueueResult.Queued:
                    return;
                case EnqueueResult.Overloaded:
                    Metrics.CallRejected(type.Tag);
                    RuntimeLog.Overloaded(Logger, id, Options.MaxMailboxDepth);
                    call.Fail(new GrainOverloadedException(
                        $"{id} has {Options.MaxMailboxDepth} calls queued; {call.MethodName} was rejected. Retry later."));
                    return;
                default:
                    continue; // gone: the table already holds its successor or nothing
            }
        }
    }

    internal bool Replace(Activation current, Activation successor) => _activations.TryUpdate(current.Id, successor, current);

    internal void Remove(Activation activation) => _activations.TryRemove(KeyValuePair.Create(activation.Id, activation));

    private void Collect()
    {
        var now = TimeProvider.GetTimestamp();
        foreach (var entry in _activations)
        {
            entry.Value.SampleRate(now);
            entry.Value.TryCollect(now, Options.CollectionAge);
        }
    }

    private void ExpireCalls()
    {
        var now = TimeProvider.GetTimestamp();
        foreach (var entry in _activations)
        {
            var expired = entry.Value.ExpireCalls(now, _responseTimeoutTicks);
            if (expired > 0)
            {
                Metrics.CallsTimedOut(expired);
                RuntimeLog.CallsTimedOut(Logger, entry.Key, expired);
            }
        }
    }
}
