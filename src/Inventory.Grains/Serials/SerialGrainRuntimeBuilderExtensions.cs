using Inventory.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Grains.Serials;

public static class SerialGrainRuntimeBuilderExtensions
{
    /// <summary>Registers the serial item grain; its store defaults to memory (the PostgreSQL registration replaces it).</summary>
    public static GrainRuntimeBuilder AddSerialItems(this GrainRuntimeBuilder builder, Action<SerialOptions>? configure = null)
    {
        builder.AddGrain<ISerialItemGrain, SerialItemGrain>();
        builder.Services.AddOptions<SerialOptions>();
        builder.Services.TryAddSingleton<ISerialItemStore, InMemorySerialItemStore>();
        if (configure is not null) builder.Services.Configure(configure);
        return builder;
    }
}
