using Inventory.Domain;
using Inventory.Grains.Positions;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Grains.Tests;

public sealed class StockPositionGrainTests
{
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddHours(1);

    [Fact]
    public async Task Five_concurrent_reservations_of_three_against_ten_on_hand_let_exactly_three_through()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "SKU-1", 10);
        var position = host.Position("W1", "SKU-1");

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            Task.Run(() => position.ReserveAsync($"r{i}", 3, Later, GrainTestHost.Clerk, null))));

        Assert.Equal(3, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorCodes.InsufficientStock, r.Failure!.Code));
        var view = await position.GetAsync();
        Assert.Equal(9m, view.Reserved);
        Assert.Equal(1m, view.Available);
    }

    [Fact]
    public async Task Ten_thousand_concurrent_reservations_of_one_against_a_thousand_on_hand_let_exactly_a_thousand_through()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "HOT", 1000);
        var position = host.Position("W1", "HOT");

        var results = await Task.WhenAll(Enumerable.Range(0, 10_000).Select(i =>
            Task.Run(() => position.ReserveAsync($"r{i}", 1, Later, GrainTestHost.Clerk, null))));

        Assert.Equal(1000, results.Count(r => r.IsSuccess));
        var view = await position.GetAsync();
        Assert.Equal(1000m, view.Reserved);
        Assert.Equal(0m, view.Available);
        // Group commit: far fewer writes than acknowledged calls.
        Assert.True(host.PositionStore.SaveCount < 10_000 / 4, $"{host.PositionStore.SaveCount} saves for 10,000 calls");
    }

    [Fact]
    public async Task Every_acknowledged_change_is_in_the_stored_ledger_and_the_snapshot_equals_its_fold()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "SKU-1", 50, 2m);
        var position = host.Position("W1", "SKU-1");
        var acknowledged = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => position.ReserveAsync($"r{i}", 1, Later, GrainTestHost.Clerk, null))));
        await position.CommitAsync("r0", GrainTestHost.Clerk);

        var key = new PositionKey("W1", "SKU-1");
        var ledger = await host.PositionStore.ReadLedgerAsync(key);
        var snapshot = (await host.PositionStore.LoadAsync(key))!;
        Assert.Equal(acknowledged.Count(r => r.IsSuccess), ledger.Count(e => e.Type == LedgerEntryType.Reserved));
        var folded = StockPosition.Fold(key, ledger);
        Assert.Empty(folded.DifferencesFrom(StockPosition.FromSnapshot(snapshot)));
    }

    [Fact]
    public async Task A_failed_write_fails_every_call_of_its_batch_and_the_position_reloads_what_was_stored()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "SKU-1", 10);
        var position = host.Position("W1", "SKU-1");

        host.PositionStore.FailSave = _ => new InvalidOperationException("database unreachable");
        var failed = await Record.ExceptionAsync(() => position.ReserveAsync("lost", 4, Later, GrainTestHost.Clerk, null));
        host.PositionStore.FailSave = null;

        Assert.IsType<InvalidOperationException>(failed);
        var view = await position.GetAsync();
        Assert.Equal(0m, view.Reserved); // the unacknowledged reservation is not visible
        Assert.Equal(10m, view.Available);
        Assert.True((await position.ReserveAsync("kept", 4, Later, GrainTestHost.Clerk, null)).IsSuccess);
    }

    [Fact]
    public async Task A_reservation_that_expired_while_the_position_was_not_active_is_released_on_reactivation()
    {
        var clock = FakeClock.New();
        await using var host = await GrainTestHost.StartAsync(services: s => s.UseFakeClock(clock));
        await host.ReceiveAsync("W1", "SKU-1", 10);
        var position = host.Position("W1", "SKU-1");
        Assert.True((await position.ReserveAsync("r", 4, clock.GetUtcNow().AddSeconds(1), GrainTestHost.Clerk, null)).IsSuccess);
        Assert.True(await host.DeactivateAsync(host.Position("W1", "SKU-1")));
        clock.Advance(TimeSpan.FromSeconds(2));

        var view = await position.GetAsync();
        Assert.Equal(0m, view.Reserved);
        Assert.Equal(10m, view.Available);
    }

    [Fact]
    public async Task Full_snapshots_are_written_less_often_as_they_grow_and_a_reload_replays_the_ledger_since_exactly()
    {
        await using var host = await GrainTestHost.StartAsync(services: s =>
            s.Configure<Positions.StockPositionOptions>(o => o.RecoveryInterval = 10));
        await host.ReceiveAsync("W1", "SKU-1", 1000, 2m);
        var position = host.Position("W1", "SKU-1");
        for (var i = 0; i < 95; i++)
            Assert.True((await position.ReserveAsync($"r{i}", 1, Later, GrainTestHost.Clerk, null)).IsSuccess);
        Assert.True((await position.CommitAsync("r3", GrainTestHost.Clerk)).IsSuccess);
        var before = await position.GetSnapshotAsync();

        // 97 entries: the first write, then one when at least 10 entries AND half as many as the reservations held
        // have passed (at about 11, 21, 41, 81): the interval grows with the snapshot, not one per 10 (which made 10).
        Assert.InRange(host.PositionStore.RecoverySnapshotCount, 4, 6);
        var key = new PositionKey("W1", "SKU-1");
        var summary = (await host.PositionStore.LoadSummaryAsync(key))!;
        Assert.Empty(summary.Reservations); // readers' summary is small...
        Assert.Equal(94m, summary.Reserved); // ...and current

        Assert.True(await host.DeactivateAsync(host.Grains.GetGrain<IStockPositionGrain>(key.ToString())));
        var after = await position.GetSnapshotAsync();
        Assert.Empty(StockPosition.FromSnapshot(after).DifferencesFrom(StockPosition.FromSnapshot(before)));
        Assert.True((await new Maintenance.Reconciler(host.PositionStore).RunAsync()).Consistent);
    }

    [Fact]
    public async Task A_reconcile_finds_a_tampered_snapshot_and_repair_rewrites_it_from_the_ledger()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "SKU-1", 10, 3m);
        var key = new PositionKey("W1", "SKU-1");
        var good = (await host.PositionStore.LoadAsync(key))!;
        await host.PositionStore.OverwriteSnapshotAsync(good with { OnHand = 99m });
        var reconciler = new Maintenance.Reconciler(host.PositionStore, host.Grains);

        var report = await reconciler.RunAsync();
        Assert.Single(report.Differences);
        Assert.Contains(report.Differences[0].Differences, d => d.Contains("99", StringComparison.Ordinal));

        await reconciler.RunAsync(repair: true);
        Assert.True((await reconciler.RunAsync()).Consistent);
        Assert.Equal(10m, (await host.Position("W1", "SKU-1").GetAsync()).OnHand);
        Assert.Equal(10, (await host.PositionStore.ReadLedgerAsync(key)).Sum(e => (int)e.Quantity)); // ledger untouched
    }
}
