using Inventory.Storage.Postgres.Catalog;
using Polly;
using Polly.Retry;

namespace Inventory.Server.Application.Catalog;

/// <summary>
/// In a cluster, keeps this node's cached catalog in step with changes made through the other nodes: PostgreSQL
/// announces each committed catalog change (LISTEN/NOTIFY), and this node reloads what changed. After a lost
/// connection it reconnects (every <see cref="RetryDelay"/>, for as long as the node runs) and reloads everything,
/// since what changed meanwhile was not heard. Only registered when the node is part of a cluster; one node writes
/// its cache through.
/// </summary>
public sealed partial class CatalogChangeListener : BackgroundService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly CatalogRepository _repository;
    private readonly InventoryCatalog _catalog;
    private readonly ResiliencePipeline _reconnect;

    public CatalogChangeListener(CatalogRepository repository, InventoryCatalog catalog, ILogger<CatalogChangeListener> logger)
    {
        _repository = repository;
        _catalog = catalog;
        _reconnect = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // Listening only ends by failing, or by the node stopping: every failure is retried but that one.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = RetryDelay,
                UseJitter = false,
                OnRetry = args =>
                {
                    LogListenFailed(logger, args.AttemptNumber + 1, args.Outcome.Exception);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _reconnect.ExecuteAsync(
                async token => await _repository.ListenAsync(_catalog.LoadAsync, change => _catalog.RefreshAsync(change, token), token),
                stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the catalog change notifications (failure {Failures} in a row); reconnecting and reloading the catalog")]
    private static partial void LogListenFailed(ILogger logger, int failures, Exception? exception);
}
