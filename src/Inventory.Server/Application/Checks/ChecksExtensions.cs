using Inventory.Grains.Events.Live;
using Inventory.Grains.Jobs;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Storage;
using Inventory.Queries.Admin;
using Inventory.Queries.Checks;
using Inventory.Queries.Reports;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inventory.Server.Application.Checks;

public static class ChecksExtensions
{
    /// <summary>
    /// The background checks configured under <c>Inventory:Checks</c> (expiry sweep interval, hourly consistency check,
    /// daily report) and the admin read models the admin endpoints and the CLI share.
    /// </summary>
    public static WebApplicationBuilder AddInventoryChecks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ChecksOptions>()
            .Bind(builder.Configuration.GetSection(ChecksOptions.SectionName))
            .Validate(o => { o.Validate(); return true; })
            .ValidateOnStart();
        services.AddOptions<ExpirySweepOptions>()
            .Configure<IOptions<ChecksOptions>>((sweep, checks) => sweep.Interval = checks.Value.ExpirySweepInterval);

        services.AddSingleton<CheckStatus>();
        services.AddSingleton<AdminQueries>();
        services.AddSingleton(sp => new ConsistencyCheck(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IStockPositionStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ConsistencyCheck>>(),
            new ConsistencyCheckOptions { OrphanTolerance = sp.GetRequiredService<IOptions<ChecksOptions>>().Value.OrphanTolerance },
            sp.GetRequiredService<LiveEvents>()));
        services.AddSingleton(sp => new DailyReportBuilder(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IStockPositionStore>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DailyReports>();
        services.AddClusterJob<ConsistencyCheckService>();
        services.AddClusterJob<DailyReportService>();
        return builder;
    }
}
