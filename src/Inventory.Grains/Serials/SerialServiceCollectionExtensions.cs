using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Grains.Serials;

public static class SerialServiceCollectionExtensions
{
    /// <summary>Registers what the serial item grain needs; its store defaults to memory (the PostgreSQL registration replaces it).</summary>
    public static IServiceCollection AddSerialItems(this IServiceCollection services, Action<SerialOptions>? configure = null)
    {
        services.AddOptions<SerialOptions>();
        services.TryAddSingleton<ISerialItemStore, InMemorySerialItemStore>();
        if (configure is not null) services.Configure(configure);
        return services;
    }
}
