using Inventory.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Grains.Serials;

public static class SerialGrainRuntimeBuilderExtensions
{
    /// <summary>Registers the serial item grain. The host registers an <see cref="ISerialItemStore"/> (PostgreSQL).</summary>
    public static GrainRuntimeBuilder AddSerialItems(this GrainRuntimeBuilder builder, Action<SerialOptions>? configure = null)
    {
        builder.AddGrain<ISerialItemGrain, SerialItemGrain>();
        builder.Services.AddOptions<SerialOptions>();
        if (configure is not null) builder.Services.Configure(configure);
        return builder;
    }
}
