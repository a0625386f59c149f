using Inventory.Grains;
using Inventory.Postgres.Embedded;
using Inventory.Storage.Postgres;
using Inventory.Storage.Postgres.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inventory.Bench.Profiling;

/// <summary>One Orleans silo in the benchmark's process with the product's grains over its PostgreSQL stores, as the server hosts it (minus HTTP).</summary>
public static class InProcessSilo
{
    /// <summary>Migrates the database and starts the silo; dispose the host to stop it.</summary>
    public static async Task<IHost> StartAsync(string connectionString, CancellationToken cancellationToken)
    {
        await MigrationRunner.ApplyAsync(connectionString, cancellationToken: cancellationToken);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddInventoryPostgres(connectionString).AddInventoryGrains();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: FreePort.Next(), gatewayPort: 0));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}
