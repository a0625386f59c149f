using Inventory.Domain;
using Inventory.Grains.Positions;
using Inventory.Grains.Storage;
using Inventory.Runtime;

namespace Inventory.Grains.Maintenance;

/// <summary>
/// Proves the snapshots against the ledger: each position is rebuilt by folding its ledger and compared with
/// its stored snapshot. Repair rewrites the snapshot from the fold (never the ledger) and drops the position's
/// activation so its next call loads the repaired state.
/// </summary>
public sealed class Reconciler(IStockPositionStore store, GrainRuntime? runtime = null)
{
    public async Task<ReconcileReport> RunAsync(string? warehouse = null, string? sku = null, bool repair = false,
        CancellationToken cancellationToken = default)
    {
        var checkedCount = 0;
        var differences = new List<PositionDifference>();
        foreach (var key in await store.ListPositionsAsync(cancellationToken))
        {
            if ((warehouse is not null && key.Warehouse != warehouse) || (sku is not null && key.Sku != sku))
                continue;
            checkedCount++;
            var snapshot = await store.LoadAsync(key, cancellationToken);
            if (snapshot is null) continue;

            var stored = StockPosition.FromSnapshot(snapshot);
            var ledger = await store.ReadLedgerAsync(key, cancellationToken);
            var folded = StockPosition.Fold(key, ledger, stored.CostingMethod, stored.Policy);
            var lines = folded.DifferencesFrom(stored);
            if (lines.Count == 0) continue;

            if (repair)
            {
                await store.OverwriteSnapshotAsync(folded.ToSnapshot(), cancellationToken);
                if (runtime is not null)
                    await runtime.DeactivateAsync(new GrainId(nameof(IStockPositionGrain), key.ToString()), cancellationToken);
            }
            differences.Add(new PositionDifference(key.Warehouse, key.Sku, lines, repair));
        }
        return new ReconcileReport(checkedCount, differences);
    }
}
