using Inventory.Grains.Approvals;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Storage;
using Inventory.Grains.Transfers;
using Inventory.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Grains;

public static class StockOperationsGrainsExtensions
{
    /// <summary>
    /// Registers transfers and approvals. Stores default to in memory; the PostgreSQL registration replaces them.
    /// Call <see cref="AddInFlightRecovery"/> in a host that should finish what a crash interrupted.
    /// </summary>
    public static GrainRuntimeBuilder AddStockOperations(this GrainRuntimeBuilder builder, Action<ApprovalOptions>? approvals = null)
    {
        builder.AddGrain<ITransferGrain, TransferGrain>();
        builder.AddGrain<IApprovalGrain, ApprovalGrain>();
        var services = builder.Services;
        services.AddOptions<ApprovalOptions>();
        if (approvals is not null) services.Configure(approvals);
        services.TryAddSingleton<ITransferStore, InMemoryTransferStore>();
        services.TryAddSingleton<IApprovalStore, InMemoryApprovalStore>();
        return builder;
    }

    public static GrainRuntimeBuilder AddInFlightRecovery(this GrainRuntimeBuilder builder, Action<InFlightSweepOptions>? configure = null)
    {
        builder.Services.AddOptions<InFlightSweepOptions>();
        if (configure is not null) builder.Services.Configure(configure);
        builder.Services.AddSingleton<InFlightSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InFlightSweeper>());
        return builder;
    }
}
