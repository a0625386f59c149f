using Inventory.Storage.Postgres.Catalog;

namespace Inventory.Server.Infrastructure.Catalog;

/// <summary>
/// In a cluster, keeps this node's cached catalog in step with changes made through the other nodes: PostgreSQL
/// announces each committed catalog change (LISTEN/NOTIFY), and this node reloads what changed. After a lost
/// connection it reconnects and reloads everything, since what changed meanwhile was not heard. Only registered
/// when the node is part of a cluster; one node writes its cache through.
/// </summary>
public sealed partial class CatalogChangeListener(CatalogRepository repository, InventoryCatalog catalog, ILogger<CatalogChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await repository.ListenAsync(catalog.LoadAsync, change => catalog.RefreshAsync(change, stoppingToken), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogListenFailed(logger, e);
                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the catalog change notifications; reconnecting and reloading the catalog")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
