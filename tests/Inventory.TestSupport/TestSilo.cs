using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Inventory.TestSupport;

/// <summary>
/// One real Orleans silo in this process (Orleans' in-process test cluster, in-memory transport) with the project's
/// grains, reached through the silo's own grain factory as the co-hosted HTTP front reaches it. Hosted services
/// registered in <c>services</c> run with the silo. Dispose stops it (every grain deactivates).
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private TestSilo(InProcessTestCluster cluster) => _cluster = cluster;

    /// <summary>The silo's services (stores, options, the grain factory).</summary>
    public IServiceProvider Services => _cluster.GetSiloServiceProvider();

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public InProcessTestCluster Cluster => _cluster;

    /// <param name="services">The silo's services: register overrides before the Add* defaults (they use TryAdd).</param>
    /// <param name="silo">Further silo settings, e.g. messaging limits.</param>
    public static async Task<TestSilo> StartAsync(Action<IServiceCollection> services, Action<ISiloBuilder>? silo = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, siloBuilder) =>
        {
            services(siloBuilder.Services);
            silo?.Invoke(siloBuilder);
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return new TestSilo(cluster);
    }

    /// <summary>Drops the activation of <paramref name="grain"/> if it has one and waits until it is gone.</summary>
    public Task DeactivateAsync(IAddressable grain) => _cluster.DeactivateAsync(grain);

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
