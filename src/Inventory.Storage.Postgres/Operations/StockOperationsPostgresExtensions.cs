using Inventory.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Storage.Postgres.Operations;

public static class StockOperationsPostgresExtensions
{
    /// <summary>Stores transfers and approvals in PostgreSQL (schema 0021), over the data source AddInventoryPostgres registered.</summary>
    public static IServiceCollection AddStockOperationsPostgres(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ITransferStore, PostgresTransferStore>());
        services.Replace(ServiceDescriptor.Singleton<IApprovalStore, PostgresApprovalStore>());
        return services;
    }
}
