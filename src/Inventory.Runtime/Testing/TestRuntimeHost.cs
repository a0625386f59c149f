using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Inventory.Runtime;

/// <summary>
/// A whole in-memory "cluster" for tests: a service provider with the grain runtime, in-memory storage and stream bus,
/// with every registered <see cref="IHostedService"/> started. Dispose stops them (the runtime deactivates every grain).
/// </summary>
public sealed class TestRuntimeHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IHostedService[] _hostedServices;

    private TestRuntimeHost(ServiceProvider provider, IHostedService[] hostedServices)
    {
        _provider = provider;
        _hostedServices = hostedServices;
        Runtime = provider.GetRequiredService<GrainRuntime>();
    }

    public IGrainFactory GrainFactory => Runtime;

    public GrainRuntime Runtime { get; }

    public IServiceProvider Services => _provider;

    /// <param name="configure">Registers grains (and anything else) on the runtime builder.</param>
    /// <param name="options">Runtime options, e.g. a short CollectionAge.</param>
    /// <param name="services">Extra services; registered before the runtime's defaults, so they win over them.</param>
    public static async Task<TestRuntimeHost> StartAsync(
        Action<GrainRuntimeBuilder> configure,
        Action<GrainRuntimeOptions>? options = null,
        Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        configure(collection.AddGrainRuntime(options));
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var hostedServices = provider.GetServices<IHostedService>().ToArray();
        var host = new TestRuntimeHost(provider, hostedServices);
        try
        {
            foreach (var hosted in hostedServices)
                await hosted.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _hostedServices.Length - 1; i >= 0; i--)
            await _hostedServices[i].StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _provider.DisposeAsync().ConfigureAwait(false);
    }
}
