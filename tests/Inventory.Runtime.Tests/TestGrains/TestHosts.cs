using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Runtime.Tests.TestGrains;

public static class TestHosts
{
    /// <summary>A runtime with every test grain, the probes and in-memory storage.</summary>
    public static Task<TestRuntimeHost> StartAsync(Probe probe, Action<GrainRuntimeOptions>? options = null, BatchProbe? batches = null,
        Action<IServiceCollection>? services = null) =>
        TestRuntimeHost.StartAsync(
            runtime => runtime
                .AddGrain<ICounterGrain, CounterGrain>()
                .AddGrain<ITimerGrain, TimerGrain>()
                .AddGrain<IStoredCounterGrain, StoredCounterGrain>()
                .AddGrain<IBatchGrain, BatchGrain>()
                .AddGrain<IInvalidGrain, InvalidGrain>()
                .AddGrain<INumberGrain, NumberGrain>(),
            options,
            collection =>
            {
                collection.AddSingleton(probe);
                collection.AddSingleton(batches ?? new BatchProbe());
                services?.Invoke(collection);
            });
}
