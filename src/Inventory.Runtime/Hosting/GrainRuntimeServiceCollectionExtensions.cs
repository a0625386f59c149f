using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Diagnostics.Metrics;

namespace Inventory.Runtime;

public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GrainRuntime"/> (a singleton, also as <see cref="IGrainFactory"/> and as a hosted service),
    /// and, unless already registered,
    /// <see cref="TimeProvider.System"/> and <see cref="IGrainStorage"/> (<see cref="InMemoryGrainStorage"/>).
    /// </summary>
    public static GrainRuntimeBuilder AddGrainRuntime(this IServiceCollection services, Action<GrainRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GrainRuntimeOptions>();
        if (configure is not null)
            services.Configure(configure);
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGrainStorage, InMemoryGrainStorage>();
        services.TryAddSingleton(sp => new GrainRuntime(
            sp,
            sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value,
            sp.GetServices<GrainRegistration>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GrainRuntime>>(),
            sp.GetRequiredService<IMeterFactory>()));
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddHostedService(sp => sp.GetRequiredService<GrainRuntime>());
        return new GrainRuntimeBuilder(services);
    }
}
