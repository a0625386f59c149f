using Inventory.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Grains.WorkOrders;

public static class WorkOrderGrainRuntimeBuilderExtensions
{
    /// <summary>Registers the work order grain (state in the runtime's <see cref="IGrainStorage"/>).</summary>
    public static GrainRuntimeBuilder AddWorkOrders(this GrainRuntimeBuilder builder, Action<WorkOrderOptions>? configure = null)
    {
        builder.AddGrain<IWorkOrderGrain, WorkOrderGrain>();
        builder.Services.AddOptions<WorkOrderOptions>();
        if (configure is not null) builder.Services.Configure(configure);
        return builder;
    }
}
