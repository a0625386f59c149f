using Inventory.Grains.Approvals;
using Inventory.Grains.Jobs;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Grains;

public static class StockOperationsGrainsExtensions
{
    /// <summary>
    /// Registers what the transfer and approval grains need. Stores default to in memory; the PostgreSQL registration replaces them.
    /// Call <see cref="AddInFlightRecovery"/> in a host that should finish what a crash interrupted.
    /// </summary>
    public static IServiceCollection AddStockOperations(this IServiceCollection services, Action<ApprovalOptions>? approvals = null)
    {
        services.AddOptions<ApprovalOptions>();
        if (approvals is not null) services.Configure(approvals);
        services.TryAddSingleton<ITransferStore, InMemoryTransferStore>();
        services.TryAddSingleton<IApprovalStore, InMemoryApprovalStore>();
        return services;
    }

    public static IServiceCollection AddInFlightRecovery(this IServiceCollection services, Action<InFlightSweepOptions>? configure = null)
    {
        services.AddOptions<InFlightSweepOptions>();
        if (configure is not null) services.Configure(configure);
        services.AddClusterJob<InFlightSweeper>();
        return services;
    }
}
