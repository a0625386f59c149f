using System.Collections.Concurrent;

namespace Inventory.Runtime.Tests.TestGrains;

/// <summary>What the test grains observed; one per test, injected into the grains by constructor.</summary>
public sealed class Probe
{
    private int _activations;
    private int _inTurn;
    private int _overlaps;
    private int _ticks;
    private int _ticksAfterDeactivation;
    private int _invocations;
    private int _failActivations;

    public Checkpoint Activate { get; } = new();
    public Checkpoint Deactivate { get; } = new();
    public Checkpoint Block { get; } = new();
    public Checkpoint Commit { get; } = new();

    public int Activations => Volatile.Read(ref _activations);
    public int Overlaps => Volatile.Read(ref _overlaps);
    public int Ticks => Volatile.Read(ref _ticks);
    public int TicksAfterDeactivation => Volatile.Read(ref _ticksAfterDeactivation);

    /// <summary>Grain method invocations over all activations.</summary>
    public int Invocations => Volatile.Read(ref _invocations);

    public ConcurrentQueue<(GrainId Id, DeactivationReason Reason)> Deactivations { get; } = new();
    public ConcurrentQueue<int> ExecutionOrder { get; } = new();

    public void FailNextActivations(int count) => Volatile.Write(ref _failActivations, count);

    internal int OnActivated() => Interlocked.Increment(ref _activations);

    internal bool ShouldFailActivation() => Interlocked.Decrement(ref _failActivations) >= 0;

    internal void OnInvoked() => Interlocked.Increment(ref _invocations);

    internal void OnTick(bool deactivated)
    {
        Interlocked.Increment(ref _ticks);
        if (deactivated)
            Interlocked.Increment(ref _ticksAfterDeactivation);
    }

    /// <summary>Marks the start of code that must never run concurrently within one activation.</summary>
    internal void Enter()
    {
        if (Interlocked.Increment(ref _inTurn) != 1)
            Interlocked.Increment(ref _overlaps);
    }

    internal void Exit() => Interlocked.Decrement(ref _inTurn);
}
