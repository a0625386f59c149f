using System.Collections.Concurrent;

namespace Inventory.Grains.Tests.OnOrleans;

/// <summary>A plain (non-reentrant) grain for the runtime behaviours the product relies on.</summary>
[Alias("inv.tests.IProbeGrain")]
public interface IProbeGrain : IGrainWithStringKey
{
    Task<int> EchoAsync(int value);

    Task FailAsync();

    /// <summary>Runs until the test releases <paramref name="gate"/>.</summary>
    Task HoldAsync(string gate);

    Task DeactivateAsync();
}

public sealed class ProbeGrain : Grain, IProbeGrain
{
    /// <summary>How often each key was activated.</summary>
    public static readonly ConcurrentDictionary<string, int> Activations = new();

    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activations.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task<int> EchoAsync(int value) => Task.FromResult(value);

    public Task FailAsync() => throw new InvalidOperationException("this call fails");

    public Task HoldAsync(string gate) => Gates.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public static void Release(string gate) =>
        Gates.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
