namespace Inventory.Runtime;

/// <summary>
/// One activation of a grain: its mailbox and its turn loop. The loop is started on the thread pool when work arrives
/// and ends when the mailbox is empty, so an idle activation holds no thread. Exactly one turn (a call, a timer tick,
/// activation or deactivation) runs at a time.
/// </summary>
/// <remarks>
/// Once deactivation begins, the activation runs nothing new: calls that arrive (or are still queued) stay parked in
/// its queue, which is handed, in order, to the next activation after OnDeactivateAsync has finished. So a call that
/// races a deactivation waits for it and then runs on a new activation; none is lost.
/// </remarks>
internal sealed class Activation : IThreadPoolWorkItem
{
    private readonly Lock _lock = new();
    private readonly GrainType _type;
    private readonly Queue<GrainTimer> _ticks = new();
    private readonly List<GrainTimer> _timers = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Queue<IGrainCall> _queue;
    private List<IGrainCall> _running = [];   // calls taken from the queue and not answered yet (a batch)
    private List<IGrainCall> _answering = [];
    private Status _status = Status.Activating;
    private bool _loopScheduled;
    private DeactivationReason? _deactivation;
    private Grain? _grain;
    private long _lastCallAt;
    private long _callsTotal;
    private long _sampledCalls;
    private long _sampledAt;
    private double _callsPerSecond = double.NaN;

    public Activation(GrainRuntime runtime, GrainType type, GrainId id, Queue<IGrainCall>? forwarded = null)
    {
        Runtime = runtime;
        _type = type;
        Id = id;
        _queue = forwarded ?? new Queue<IGrainCall>();
        ActivatedAt = runtime.TimeProvider.GetUtcNow();
        _lastCallAt = _sampledAt = runtime.TimeProvider.GetTimestamp();
    }

    private enum Status { Activating, Active, Deactivating, Invalid }

    private enum Next { Idle, Deactivate, Tick, Call }

    public GrainId Id { get; }

    public GrainRuntime Runtime { get; }

    public DateTimeOffset ActivatedAt { get; }

    /// <summary>Completes when this activation is gone (deactivated, or its activation failed).</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>Activating or active, and no deactivation asked for.</summary>
    public bool IsActive
    {
        get
        {
            lock (_lock)
                return _status is Status.Activating or Status.Active && _deactivation is null;
        }
    }

    public bool IsGone
    {
        get
        {
            lock (_lock)
                return _status == Status.Invalid;
        }
    }

    /// <summary>Queues a call; false when this activation is gone (the sender looks up the activation table again).</summary>
    public EnqueueResult TryEnqueue(IGrainCall call)
    {
        bool schedule;
        lock (_lock)
        {
            if (_status == Status.Invalid)
                return EnqueueResult.Gone;
            if (_queue.Count >= Runtime.Options.MaxMailboxDepth)
                return EnqueueResult.Overloaded;
            _queue.Enqueue(call);
            _lastCallAt = call.SentAt;
            schedule = !_loopScheduled;
            _loopScheduled = true;
        }
        if (schedule)
            Schedule();
        return EnqueueResult.Queued;
    }

    /// <summary>Starts the loop of a successor created with forwarded calls.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_loopScheduled || _queue.Count == 0)
                return;
            _loopScheduled = true;
        }
        Schedule();
    }

    /// <summary>Deactivate at the next turn boundary. False when already deactivating or gone.</summary>
    public bool RequestDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_status is Status.Deactivating or Status.Invalid || _deactivation is not null)
                return false;
            _deactivation = reason;
            if (_loopScheduled)
                return true;
            _loopScheduled = true;
        }
        Schedule();
        return true;
    }

    /// <summary>The collector's check: deactivate if active, nothing queued or running, and no call for <paramref name="age"/>.</summary>
    public bool TryCollect(long now, TimeSpan age)
    {
        lock (_lock)
        {
            if (_status != Status.Active || _deactivation is not null || _queue.Count > 0 || _running.Count > 0
                || Runtime.TimeProvider.GetElapsedTime(_lastCallAt, now) < age)
                return false;
            _deactivation = DeactivationReason.IdleCollection;
            if (_loopScheduled)
                return true;
            _loopScheduled = true;
        }
        Schedule();
        return true;
    }

    /// <summary>Answers callers that waited longer than the response timeout. Queued ones will then be skipped.</summary>
    public int ExpireCalls(long now, long timeoutTicks)
    {
        // Unlocked peek: the sweep visits every activation, and most have nothing waiting. A call missed by a racy
        // read is seen by the next sweep.
        if (_queue.Count == 0 && _running.Count == 0)
            return 0;
        var expired = 0;
        lock (_lock)
        {
            foreach (var call in _running)
            {
                if (now - call.SentAt >= timeoutTicks && !call.IsAnswered)
                {
                    call.Fail(TimedOut(call));
                    expired++;
                }
            }
            foreach (var call in _queue)
            {
                if (now - call.SentAt < timeoutTicks)
                    break; // the queue is in sending order
                if (!call.IsAnswered)
                {
                    call.Fail(TimedOut(call));
                    expired++;
                }
            }
        }
        return expired;
    }

    public ActivationInfo Describe(long now)
    {
        lock (_lock)
        {
            var time = Runtime.TimeProvider;
            long? oldest = _running.Count > 0 ? _running[0].SentAt : _queue.TryPeek(out var head) ? head.SentAt : null;
            var rate = double.IsNaN(_callsPerSecond) ? Rate(_callsTotal, time.GetElapsedTime(_sampledAt, now)) : _callsPerSecond;
            return new ActivationInfo(
                Id,
                _type.GrainClass.Name,
                _queue.Count,
                time.GetElapsedTime(_lastCallAt, now),
                oldest is { } sentAt ? time.GetElapsedTime(sentAt, now) : null,
                _callsTotal,
                rate,
                ActivatedAt);
        }
    }

    /// <summary>Called by the collector each quantum: CallsPerSecond is the rate over the last quantum.</summary>
    public void SampleRate(long now)
    {
        lock (_lock)
        {
            _callsPerSecond = Rate(_callsTotal - _sampledCalls, Runtime.TimeProvider.GetElapsedTime(_sampledAt, now));
            _sampledCalls = _callsTotal;
            _sampledAt = now;
        }
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback);
        lock (_lock)
        {
            if (_status is Status.Deactivating or Status.Invalid)
                return timer; // never fires: the activation is going away
            _timers.Add(timer);
        }
        timer.Start(dueTime, period);
        return timer;
    }

    public void OnTimerFired(GrainTimer timer)
    {
        lock (_lock)
        {
            if (timer.IsQueued || _status is Status.Deactivating or Status.Invalid || _deactivation is not null)
                return;
            timer.IsQueued = true;
            _ticks.Enqueue(timer);
            if (_loopScheduled)
                return;
            _loopScheduled = true;
        }
        Schedule();
    }

    public void OnTimerDisposed(GrainTimer timer)
    {
        lock (_lock)
            _timers.Remove(timer);
    }

    void IThreadPoolWorkItem.Execute() => _ = RunAsync();

    private void Schedule() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    private async Task RunAsync()
    {
        try
        {
            if (_grain is null && !await ActivateAsync().ConfigureAwait(false))
                return;
            var deactivate = _type.IsBatching
                ? await RunBatchesAsync((IBatchCommitting)_grain!).ConfigureAwait(false)
                : await RunTurnsAsync(_grain!).ConfigureAwait(false);
            if (deactivate)
                await DeactivateAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Only a runtime bug gets here: fail everything rather than hang callers.
            RuntimeLog.LoopFailed(Runtime.Logger, e, Id);
            Discard(e, failRunning: true);
        }
    }

    private async Task<bool> ActivateAsync()
    {
        try
        {
            var grain = _type.CreateGrain(Runtime.Services);
            grain.Attach(this);
            _grain = grain;
            await grain.OnActivateAsync(Runtime.StoppingToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var waiting = Discard(e, failRunning: false);
            RuntimeLog.ActivationFailed(Runtime.Logger, e, Id, waiting);
            Runtime.Metrics.ActivationFailed(_type.Tag);
            return false;
        }
        lock (_lock)
            _status = Status.Active;
        Runtime.Metrics.Activated(_type.Tag);
        RuntimeLog.Activated(Runtime.Logger, Id, _type.GrainClass.Name);
        return true;
    }

    /// <summary>Non-batching grains: every call is answered right after its turn.</summary>
    private async Task<bool> RunTurnsAsync(Grain grain)
    {
        while (true)
        {
            switch (TakeNext(stopWhenIdle: true, takeTicks: true, out var timer, out var call))
            {
                case Next.Idle:
                    return false;
                case Next.Deactivate:
                    return true;
                case Next.Tick:
                    await RunTickAsync(timer!).ConfigureAwait(false);
                    break;
                default:
                    var error = await call!.RunAsync(grain).ConfigureAwait(false);
                    if (error is VersionConflictException)
                        OnStateConflict();
                    Runtime.Metrics.CallsRun(1, _type.Tag);
                    AnswerRunning();
                    break;
            }
        }
    }

    /// <summary>Group commit: run up to MaxBatchSize calls as turns, commit once, then answer them all.</summary>
    private async Task<bool> RunBatchesAsync(IBatchCommitting committer)
    {
        var grain = (Grain)committer;
        var maxBatchSize = Runtime.Options.MaxBatchSize;
        while (true)
        {
            var calls = 0;
            Next next;
            while (true)
            {
                // Ticks wait between batches: a tick is not part of what the batch commits.
                next = TakeNext(stopWhenIdle: calls == 0, takeTicks: calls == 0, out var timer, out var call);
                if (next == Next.Tick)
                {
                    await RunTickAsync(timer!).ConfigureAwait(false);
                    continue;
                }
                if (next != Next.Call)
                    break;
                var error = await call!.RunAsync(grain).ConfigureAwait(false);
                if (error is VersionConflictException)
                    OnStateConflict(); // the next TakeNext ends the batch
                if (++calls == maxBatchSize)
                    break;
            }
            if (calls > 0)
                await CommitAsync(committer, calls).ConfigureAwait(false);
            else if (next == Next.Idle)
                return false;
            if (next == Next.Deactivate)
                return true;
        }
    }

    private async Task CommitAsync(IBatchCommitting committer, int calls)
    {
        var time = Runtime.TimeProvider;
        var started = time.GetTimestamp();
        Exception? failure = null;
        try
        {
            await committer.CommitBatchAsync(Runtime.StoppingToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
        }
        Runtime.Metrics.BatchCommitted(calls, time.GetElapsedTime(started), _type.Tag);
        Runtime.Metrics.CallsRun(calls, _type.Tag);
        if (failure is null)
        {
            AnswerRunning();
            return;
        }
        // Deactivate before failing the callers, so a caller that retries at once never reaches the dropped state.
        lock (_lock)
            _deactivation = failure is VersionConflictException ? DeactivationReason.StateConflict : DeactivationReason.CommitFailed;
        RuntimeLog.CommitFailed(Runtime.Logger, failure, Id, calls);
        FailRunning(failure);
    }

    private async Task RunTickAsync(GrainTimer timer)
    {
        try
        {
            await timer.RunAsync(Runtime.StoppingToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            RuntimeLog.TimerFailed(Runtime.Logger, e, Id);
            if (e is VersionConflictException)
                OnStateConflict();
        }
    }

    private void OnStateConflict()
    {
        lock (_lock)
            _deactivation = DeactivationReason.StateConflict;
        RuntimeLog.StateConflict(Runtime.Logger, Id);
    }

    private Next TakeNext(bool stopWhenIdle, bool takeTicks, out GrainTimer? timer, out IGrainCall? call)
    {
        timer = null;
        call = null;
        lock (_lock)
        {
            if (_deactivation is not null)
            {
                _status = Status.Deactivating;
                return Next.Deactivate;
            }
            if (takeTicks && _ticks.TryDequeue(out timer))
            {
                timer.IsQueued = false;
                return Next.Tick;
            }
            while (_queue.TryDequeue(out call))
            {
                if (call.IsAnswered)
                    continue; // timed out while queued: the caller has its answer, so the call does not run
                _running.Add(call);
                _callsTotal++;
                return Next.Call;
            }
            if (stopWhenIdle)
                _loopScheduled = false;
            return Next.Idle;
        }
    }

    private void AnswerRunning()
    {
        var answering = TakeRunning();
        foreach (var call in answering)
            call.Answer();
        answering.Clear();
    }

    private void FailRunning(Exception failure)
    {
        var answering = TakeRunning();
        foreach (var call in answering)
            call.Fail(failure);
        answering.Clear();
    }

    private List<IGrainCall> TakeRunning()
    {
        var now = Runtime.TimeProvider.GetTimestamp();
        lock (_lock)
        {
            (_running, _answering) = (_answering, _running);
            _lastCallAt = now;
            return _answering;
        }
    }

    private async Task DeactivateAsync()
    {
        var reason = _deactivation!.Value;
        try
        {
            await _grain!.OnDeactivateAsync(reason, Runtime.StoppingToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            RuntimeLog.DeactivationFailed(Runtime.Logger, e, Id, reason);
        }
        DisposeTimers();

        Activation? successor = null;
        Queue<IGrainCall>? rejected = null;
        var forwarded = 0;
        lock (_lock)
        {
            _status = Status.Invalid;
            _loopScheduled = false;
            _ticks.Clear();
            forwarded = _queue.Count;
            if (forwarded > 0)
            {
                if (Runtime.IsStopping)
                    rejected = _queue;
                else
                    successor = new Activation(Runtime, _type, Id, _queue);
                _queue = new Queue<IGrainCall>();
            }
            // Inside the lock: a sender that finds this activation gone then finds the successor (or nothing) in the table.
            if (successor is not null && !Runtime.Replace(this, successor))
            {
                rejected = successor._queue; // cannot happen (only this activation replaces itself); never drop calls
                successor = null;
            }
            else if (successor is null)
            {
                Runtime.Remove(this);
            }
        }
        _grain = null;
        successor?.Start();
        if (rejected is not null)
        {
            var stopping = new InvalidOperationException("The grain runtime is stopping; the call was not run.");
            foreach (var call in rejected)
            {
                if (Runtime.IsStopping)
                    call.Fail(stopping);
                else
                    Runtime.Resend(_type, Id, call);
            }
        }
        Runtime.Metrics.Deactivated(reason);
        RuntimeLog.Deactivated(Runtime.Logger, Id, reason, successor is null ? 0 : forwarded);
        _deactivated.TrySetResult();
    }

    /// <summary>Drops the activation without OnDeactivateAsync (activation failed, or a bug): waiting calls fail.</summary>
    private int Discard(Exception error, bool failRunning)
    {
        Queue<IGrainCall> waiting;
        lock (_lock)
        {
            _status = Status.Invalid;
            _loopScheduled = false;
            _ticks.Clear();
            waiting = _queue;
            _queue = new Queue<IGrainCall>();
            Runtime.Remove(this);
        }
        DisposeTimers();
        _grain = null;
        foreach (var call in waiting)
            call.Fail(error);
        if (failRunning)
            FailRunning(error);
        _deactivated.TrySetResult();
        return waiting.Count;
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
            _timers.Clear();
        }
        foreach (var timer in timers)
            timer.Dispose();
    }

    private TimeoutException TimedOut(IGrainCall call) =>
        new($"{Id}.{call.MethodName} got no response within {Runtime.Options.ResponseTimeout}.");

    private static double Rate(long calls, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? calls / elapsed.TotalSeconds : 0;
}
