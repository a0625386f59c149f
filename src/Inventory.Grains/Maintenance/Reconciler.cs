using Inventory.Domain;
using Inventory.Grains.Positions;
using Inventory.Grains.Storage;

namespace Inventory.Grains.Maintenance;

/// <summary>
/// Proves the snapshots against the ledger: each position is rebuilt by folding its ledger and compared with
/// its stored snapshot. Repair rewrites the snapshot from the fold (never the ledger) and drops the position's
/// activation so its next call loads the repaired state. Given the reservation records, it also compares them with
/// the lines the positions hold (<see cref="ReservationAgreement"/>); their repair needs the running grains.
/// </summary>
public sealed class Reconciler(IStockPositionStore store, IGrainFactory? grains = null, IReservationStore? records = null,
    TimeProvider? time = null)
{
    /// <summary>How long after its expiry a line of an expired reservation may still be held before it counts as orphaned.</summary>
    public static readonly TimeSpan ExpiryTolerance = TimeSpan.FromMinutes(5);

    public async Task<ReconcileReport> RunAsync(string? warehouse = null, string? sku = null, bool repair = false,
        CancellationToken cancellationToken = default)
    {
        var checkedCount = 0;
        var differences = new List<PositionDifference>();
        var snapshots = new List<StockPositionSnapshot>();
        foreach (var key in await store.ListPositionsAsync(cancellationToken))
        {
            if ((warehouse is not null && key.Warehouse != warehouse) || (sku is not null && key.Sku != sku))
                continue;
            checkedCount++;
            if (await CompareAsync(key, cancellationToken) is not { } comparison) continue;
            var (folded, lines, loaded) = comparison;
            if (loaded is not null) snapshots.Add(loaded);
            if (lines.Count == 0) continue;

            if (repair && folded is not null)
            {
                await store.OverwriteSnapshotAsync(folded.ToSnapshot(), cancellationToken);
                if (grains is not null)
                    await grains.DeactivateAsync(grains.GetGrain<IStockPositionGrain>(key.ToString()), cancellationToken);
            }
            differences.Add(new PositionDifference(key.Warehouse, key.Sku, lines, repair && folded is not null));
        }
        var disagreements = records is null ? [] : await new ReservationAgreement(records, store, time ?? TimeProvider.System, ExpiryTolerance)
            .CheckAsync(snapshots, repair ? grains : null, cancellationToken);
        return new ReconcileReport(checkedCount, differences, disagreements);
    }

    /// <summary>
    /// The fold of the position's ledger, its differences from the stored snapshot, and the position's state as loaded
    /// (null when it cannot be loaded); null when there is no snapshot.
    /// The snapshot and the ledger are read one after the other, so a batch committed in between shows up as ledger
    /// entries past the snapshot: when the snapshot has moved on by the time it is read again, the comparison is
    /// repeated (a few times, for a busy position) rather than reported as a difference.
    /// </summary>
    /// <remarks>
    /// A snapshot that contradicts itself is reported (and repaired from the fold); a ledger that cannot be folded is
    /// reported with a null fold: nothing can repair it automatically.
    /// </remarks>
    private async Task<(StockPosition? Folded, IReadOnlyList<string> Differences, StockPositionSnapshot? Loaded)?> CompareAsync(PositionKey key, CancellationToken cancellationToken)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            StockPositionSnapshot? snapshot;
            StockPosition? stored = null;
            string? unreadable = null;
            try
            {
                // Loading replays the ledger written since the recovery snapshot, which fails on a corrupt one.
                snapshot = await store.LoadAsync(key, cancellationToken);
                if (snapshot is null) return null;
                stored = StockPosition.FromSnapshot(snapshot);
            }
            catch (InvalidOperationException e)
            {
                snapshot = await store.LoadSummaryAsync(key, cancellationToken);
                if (snapshot is null) return null;
                unreadable = "snapshot: " + e.Message;
            }
            var ledger = await store.ReadLedgerAsync(key, cancellationToken);
            StockPosition folded;
            try
            {
                folded = StockPosition.Fold(key, ledger, snapshot.CostingMethod, snapshot.Policy ?? StockPolicy.Default);
            }
            catch (InvalidOperationException e)
            {
                return (null, ["ledger: " + e.Message], stored is null ? null : snapshot);
            }
            var lines = stored is null ? [unreadable!] : new List<string>(folded.DifferencesFrom(stored));
            if (stored is not null)
                lines.AddRange(await SummaryDifferencesAsync(key, folded, cancellationToken));
            if (lines.Count == 0 || attempt == attempts || ledger.Count == 0 || ledger[^1].Sequence <= snapshot.Sequence)
                return (folded, lines, stored is null ? null : snapshot);
            if ((await store.LoadAsync(key, cancellationToken))?.Sequence is not { } now || now <= snapshot.Sequence)
                return (folded, lines, snapshot); // the snapshot really lags its ledger
        }
    }

    /// <summary>The summary that queries read must equal the fold too (levels, layers, costs; it holds no reservations).</summary>
    private async Task<IEnumerable<string>> SummaryDifferencesAsync(PositionKey key, StockPosition folded, CancellationToken cancellationToken)
    {
        var summary = await store.LoadSummaryAsync(key, cancellationToken);
        if (summary is null)
            return ["summary: missing"];
        try
        {
            var expected = StockPosition.FromSnapshot(folded.ToSnapshot(withReservations: false));
            return StockPosition.FromSnapshot(summary).DifferencesFrom(expected).Select(d => "summary " + d);
        }
        catch (InvalidOperationException e)
        {
            return ["summary: " + e.Message];
        }
    }
}
