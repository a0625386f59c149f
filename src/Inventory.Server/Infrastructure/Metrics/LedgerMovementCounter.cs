using Inventory.Grains.Events;
using Inventory.Grains.Positions;

namespace Inventory.Server.Infrastructure.Metrics;

/// <summary>Counts stock movements by type from the batches every position publishes after it commits.</summary>
public sealed class LedgerMovementCounter(IStreamBus streams, InventoryMetrics metrics) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = streams.SubscribeNamespace<LedgerBatch>(StockPositionGrain.StreamNamespace, (_, batch) =>
        {
            foreach (var entry in batch.Entries)
                metrics.Movement(entry.Type);
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
