using Inventory.Server.Application.Catalog;
using Inventory.Storage.Postgres.Idempotency;

namespace Inventory.Server.Infrastructure.Database;

/// <summary>
/// The first hosted service to start and the last to stop: migrates the schema and loads the catalog before anything
/// else (the Orleans silo, the background jobs, Kestrel) runs, and stops the embedded server after all of them.
/// </summary>
public sealed partial class DatabaseLifetime(
    InventoryDatabase database,
    InventoryCatalog catalog,
    IdempotencyStore idempotency,
    ILogger<DatabaseLifetime> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.Embedded is { } embedded)
            LogEmbedded(logger, embedded.DataDirectory, embedded.Port);
        else
            LogExternal(logger);
        await database.MigrateAsync(logger, cancellationToken);
        // Single process: a key still marked as running belongs to a request that died with the previous process.
        var purged = await idempotency.PurgeAsync(DateTimeOffset.UtcNow - InventoryLimits.IdempotencyKeyRetention, includeUnfinished: true, cancellationToken);
        await catalog.LoadAsync(cancellationToken);
        LogReady(logger, catalog.ProductCount, catalog.WarehouseCount, purged);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await database.DisposeAsync();
        if (database.Embedded is not null)
            LogStopped(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the embedded PostgreSQL server (data {DataDirectory}, port {Port})")]
    private static partial void LogEmbedded(ILogger logger, string dataDirectory, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the PostgreSQL server of ConnectionStrings:Inventory")]
    private static partial void LogExternal(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready: {Products} products, {Warehouses} warehouses; {Purged} old idempotency keys purged")]
    private static partial void LogReady(ILogger logger, int products, int warehouses, int purged);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded PostgreSQL stopped")]
    private static partial void LogStopped(ILogger logger);
}
