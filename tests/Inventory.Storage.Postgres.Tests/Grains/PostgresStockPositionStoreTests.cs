using Inventory.Domain;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Storage;
using Inventory.Storage.Postgres.Grains;
using Inventory.TestSupport;
using Npgsql;

namespace Inventory.Storage.Postgres.Tests.Grains;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStockPositionStoreTests(PostgresFixture fixture)
{
    private static readonly Actor Clerk = PostgresGrainHost.Clerk;
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly PositionKey Key = new("W1", "SKU-1");

    [Fact]
    public async Task A_saved_batch_reads_back_as_the_same_snapshot_and_ledger()
    {
        await using var source = NpgsqlDataSource.Create(await fixture.CreateMigratedDatabaseAsync());
        await using var concrete = new PostgresStockPositionStore(source);
        IStockPositionStore store = concrete;
        var position = new StockPosition(Key, CostingMethod.Fifo);
        var entries = new List<LedgerEntry>();
        entries.AddRange(position.Receive(new ReceiveStock(10, 2.5m, "LOT-1", new DateOnly(2027, 1, 31), "PO-1", "req-1"), Clerk, Now).Value.Entries);
        entries.AddRange(position.Reserve("r1", 4, Now.AddMinutes(15), Clerk, Now, "cart").Value.Entries);
        entries.AddRange(position.Commit("r1", Clerk, Now.AddMinutes(1)).Value.Entries);

        await store.SaveAsync(position.ToSnapshot(), 0, entries);

        var loaded = StockPosition.FromSnapshot((await store.LoadAsync(Key))!);
        Assert.Empty(loaded.DifferencesFrom(position));
        var ledger = await store.ReadLedgerAsync(Key);
        Assert.Equal(entries, ledger, new LedgerEntryComparer());
        Assert.Empty(StockPosition.Fold(Key, ledger).DifferencesFrom(position));
    }

    [Fact]
    public async Task Positions_loaded_at_the_same_moment_each_get_their_own_snapshot_and_ledger_tail()
    {
        await using var source = NpgsqlDataSource.Create(await fixture.CreateMigratedDatabaseAsync());
        await using var concrete = new PostgresStockPositionStore(source);
        IStockPositionStore store = concrete;
        var positions = new List<StockPosition>();
        for (var i = 0; i < 40; i++)
        {
            var position = new StockPosition(new PositionKey(i % 2 == 0 ? "W1" : "W2", $"SKU-{i}"));
            var received = position.Receive(new ReceiveStock(100 + i, 1m), Clerk, Now).Value.Entries;
            await store.SaveAsync(position.ToSnapshot(), 0, received);
            // Some positions commit more after their recovery snapshot, so loading must replay their own tail.
            for (var r = 0; r < i % 4; r++)
            {
                var before = position.Sequence;
                var entries = position.Reserve($"r{i}-{r}", 1 + r, Now.AddMinutes(15), Clerk, Now).Value.Entries;
                await store.SaveAsync(new PositionWrite(position.ToSnapshot(withReservations: false), null, before, entries, position.NextExpiry));
            }
            positions.Add(position);
        }

        var loaded = await Task.WhenAll(positions.Select(p => store.LoadAsync(p.Key)).Append(store.LoadAsync(new PositionKey("W9", "NONE"))));

        for (var i = 0; i < positions.Count; i++)
            Assert.Empty(StockPosition.FromSnapshot(loaded[i]!).DifferencesFrom(positions[i]));
        Assert.Null(loaded[^1]);
    }

    [Fact]
    public async Task A_write_with_a_stale_version_fails_and_writes_nothing()
    {
        await using var source = NpgsqlDataSource.Create(await fixture.CreateMigratedDatabaseAsync());
        await using var concrete = new PostgresStockPositionStore(source);
        IStockPositionStore store = concrete;
        var position = new StockPosition(Key);
        var first = position.Receive(new ReceiveStock(10, 1m), Clerk, Now).Value.Entries;
        await store.SaveAsync(position.ToSnapshot(), 0, first);

        var second = position.Receive(new ReceiveStock(5, 1m), Clerk, Now).Value.Entries;
        await Assert.ThrowsAsync<VersionConflictException>(() => store.SaveAsync(position.ToSnapshot(), 0, second));
        await Assert.ThrowsAsync<VersionConflictException>(() => store.SaveAsync(position.ToSnapshot(), 7, second));

        Assert.Single(await store.ReadLedgerAsync(Key));
        Assert.Equal(10m, (await store.LoadAsync(Key))!.OnHand);
    }

    [Fact]
    public async Task Concurrent_reservations_through_postgres_never_oversell_and_are_group_committed()
    {
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        await using var host = await PostgresGrainHost.StartAsync(connectionString);
        var position = host.Position("W1", "HOT");
        Assert.True((await position.ReceiveAsync(new ReceiveStock(500, 3m), Clerk)).IsSuccess);

        var results = await Task.WhenAll(Enumerable.Range(0, 3000).Select(i =>
            Task.Run(() => position.ReserveAsync($"r{i}", 1, DateTimeOffset.UtcNow.AddHours(1), Clerk, null))));

        Assert.Equal(500, results.Count(r => r.IsSuccess));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var reserved = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT recorded_at) FROM stock_ledger WHERE sku = 'HOT' AND type = 'reserved'", connection);
        await using var reader = await reserved.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(500, reader.GetInt64(0));
        // recorded_at is now() = the transaction's start: distinct values count the transactions.
        Assert.True(reader.GetInt64(1) < 500 / 4, $"{reader.GetInt64(1)} transactions for 500 reservations");
        Assert.True((await new Reconciler(host.Positions).RunAsync()).Consistent);
    }

    [Fact]
    public async Task Batches_of_many_positions_committing_at_once_share_one_statement()
    {
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        await using var host = await PostgresGrainHost.StartAsync(connectionString);
        var skus = Enumerable.Range(0, 200).Select(i => $"Z{i:D3}").ToArray();
        await Task.WhenAll(skus.Select(sku => host.Position("W1", sku).ReceiveAsync(new ReceiveStock(5, 1m), Clerk)));

        var results = await Task.WhenAll(skus.Select(sku => Task.Run(() =>
            host.Position("W1", sku).ReserveAsync("r-" + sku, 2, DateTimeOffset.UtcNow.AddHours(1), Clerk, null))));

        Assert.All(results, r => Assert.True(r.IsSuccess));
        // recorded_at is now() = the statement's transaction start: distinct values count the transactions.
        var transactions = (long)(await Sql(connectionString, "SELECT count(DISTINCT recorded_at) FROM stock_ledger WHERE type = 'reserved'"))!;
        Assert.True(transactions < skus.Length / 2, $"{transactions} transactions for {skus.Length} positions");
        Assert.Equal(400m, (decimal)(await Sql(connectionString, "SELECT sum(reserved) FROM stock_positions"))!);
        Assert.True((await new Reconciler(host.Positions).RunAsync()).Consistent);
    }

    [Fact]
    public async Task A_position_reloads_from_its_last_full_snapshot_plus_the_ledger_since()
    {
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        StockPositionSnapshot before;
        await using (var first = await PostgresGrainHost.StartAsync(connectionString))
        {
            var position = first.Position("W1", "R");
            Assert.True((await position.ReceiveAsync(new ReceiveStock(100, 1.5m, "LOT-1"), Clerk)).IsSuccess);
            for (var i = 0; i < 40; i++)
                Assert.True((await position.ReserveAsync($"r{i}", 1, DateTimeOffset.UtcNow.AddHours(1), Clerk, null)).IsSuccess);
            Assert.True((await position.CommitAsync("r7", Clerk)).IsSuccess);
            before = await position.GetSnapshotAsync();
        }
        // The stored full snapshot is older than the last commit: the recovery must replay the ledger since.
        var recoverySeq = (long)(await Sql(connectionString, "SELECT recovery_seq FROM stock_positions WHERE sku = 'R'"))!;
        Assert.True(recoverySeq < before.Sequence, $"recovery at {recoverySeq}, position at {before.Sequence}");

        await using var second = await PostgresGrainHost.StartAsync(connectionString);
        var after = await second.Position("W1", "R").GetSnapshotAsync();
        Assert.Empty(StockPosition.FromSnapshot(after).DifferencesFrom(StockPosition.FromSnapshot(before)));
        Assert.Equal(39, after.Reservations.Count(r => r.Status == ReservationStatus.Active));
    }

    [Fact]
    public async Task Reconcile_reports_a_drifted_snapshot_and_repair_rewrites_only_the_snapshot()
    {
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        await using var host = await PostgresGrainHost.StartAsync(connectionString);
        Assert.True((await host.Position("W1", "A").ReceiveAsync(new ReceiveStock(10, 3m), Clerk)).IsSuccess);
        Assert.True((await host.Position("W1", "B").ReceiveAsync(new ReceiveStock(4, 1m), Clerk)).IsSuccess);
        await Sql(connectionString, """
            UPDATE stock_positions SET on_hand = 99, snapshot = jsonb_set(snapshot, '{onHand}', '99') WHERE sku = 'A'
            """);
        var reconciler = new Reconciler(host.Positions, host.Grains);

        var report = await reconciler.RunAsync();
        Assert.Equal(2, report.PositionsChecked);
        Assert.Equal("A", Assert.Single(report.Differences).Sku);

        await reconciler.RunAsync(repair: true);
        Assert.True((await reconciler.RunAsync()).Consistent);
        Assert.Equal(10m, (await host.Position("W1", "A").GetAsync()).OnHand);
        Assert.Equal(2L, await Sql(connectionString, "SELECT count(*) FROM stock_ledger"));
    }

    private static async Task<object?> Sql(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private sealed class LedgerEntryComparer : IEqualityComparer<LedgerEntry>
    {
        public bool Equals(LedgerEntry? x, LedgerEntry? y) =>
            x is not null && y is not null && (x with { Draws = [] }) == (y with { Draws = [] }) && x.Draws.SequenceEqual(y.Draws);

        public int GetHashCode(LedgerEntry obj) => obj.Sequence.GetHashCode();
    }
}
