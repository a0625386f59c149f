using Inventory.Grains.Serials;
using Inventory.Grains.WorkOrders;
using Inventory.Runtime;
using Inventory.Storage.Postgres.Queries;
using Inventory.Storage.Postgres.Serials;
using Inventory.Storage.Postgres.WorkOrders;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inventory.Server.Extensions;

public static class SerialsAndWorkOrdersExtensions
{
    /// <summary>Serial items, bills of materials, work orders and the movement/analytics reports, stored in PostgreSQL.</summary>
    public static GrainRuntimeBuilder AddSerialsAndWorkOrders(this GrainRuntimeBuilder builder)
    {
        builder.AddSerialItems();
        builder.AddWorkOrders();
        builder.Services.TryAddSingleton<BomRepository>();
        builder.Services.AddSerialsPostgres();
        builder.Services.TryAddSingleton<ReportQueries>();
        return builder;
    }
}
