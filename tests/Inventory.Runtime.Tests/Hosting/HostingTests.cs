using Inventory.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Inventory.Runtime.Tests.Hosting;

public sealed class HostingTests
{
    [Fact]
    public void AddGrainRuntimeRegistersTheRuntimeAsFactoryAndHostedServiceWithInMemoryDefaults()
    {
        var services = new ServiceCollection();
        services.AddGrainRuntime().AddGrain<ICounterGrain, CounterGrain>();
        using var provider = services.BuildServiceProvider();

        var runtime = provider.GetRequiredService<GrainRuntime>();

        Assert.Same(runtime, provider.GetRequiredService<IGrainFactory>());
        Assert.Contains(runtime, provider.GetServices<IHostedService>());
        Assert.IsType<InMemoryGrainStorage>(provider.GetRequiredService<IGrainStorage>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddGrainRuntimeKeepsStorageAndTimeProviderRegisteredBefore()
    {
        var storage = new InMemoryGrainStorage();
        var time = new ShiftedTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<IGrainStorage>(storage);
        services.AddSingleton<TimeProvider>(time);
        services.AddGrainRuntime();
        using var provider = services.BuildServiceProvider();

        Assert.Same(storage, provider.GetRequiredService<IGrainStorage>());
        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void InvalidOptionsAreRejectedWhenTheRuntimeIsCreated()
    {
        var services = new ServiceCollection();
        services.AddGrainRuntime(o => o.MaxBatchSize = 0);
        using var provider = services.BuildServiceProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => provider.GetRequiredService<GrainRuntime>());
    }

    [Fact]
    public void TwoGrainInterfacesWithTheSameNameAreRejected()
    {
        var services = new ServiceCollection();
        services.AddGrainRuntime()
            .AddGrain<ICounterGrain, CounterGrain>()
            .AddGrain<Other.ICounterGrain, Other.CounterGrain>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<GrainRuntime>());
        Assert.Contains("ICounterGrain", error.Message);
    }

    [Fact]
    public async Task AGenericHostStartsTheRuntimeAndStoppingItDeactivatesTheGrains()
    {
        var probe = new Probe();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(probe);
        builder.Services.AddGrainRuntime().AddGrain<ICounterGrain, CounterGrain>();
        using var host = builder.Build();
        await host.StartAsync();

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        Assert.Equal(1, await grains.GetGrain<ICounterGrain>("k").Increment());
        await host.StopAsync();

        Assert.Equal(DeactivationReason.Shutdown, Assert.Single(probe.Deactivations).Reason);
    }

    [Fact]
    public async Task TheTestHostStartsOtherHostedServicesToo()
    {
        var started = new StartRecorder();
        await using var host = await TestRuntimeHost.StartAsync(
            runtime => runtime.Services.AddHostedService(_ => started),
            services: s => s.AddSingleton(new Probe()));

        Assert.True(started.Started);
    }

    private sealed class StartRecorder : IHostedService
    {
        public bool Started { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Started = true;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class ShiftedTimeProvider : TimeProvider;
}
