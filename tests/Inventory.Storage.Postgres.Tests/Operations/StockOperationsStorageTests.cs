using Inventory.Domain;
using Inventory.Grains.Approvals;
using Inventory.Grains.Storage;
using Inventory.Grains.Transfers;
using Inventory.Storage.Postgres.Grains;
using Inventory.Storage.Postgres.Operations;
using Inventory.TestSupport;
using Npgsql;

namespace Inventory.Storage.Postgres.Tests.Operations;

/// <summary>The ledger columns of lots, statuses, orders and approvals (0020); transfer and approval records (0021).</summary>
[Collection(PostgresCollection.Name)]
public sealed class StockOperationsStorageTests(PostgresFixture fixture)
{
    private static readonly Actor Clerk = new("clerk", "warehouse_staff");
    private static readonly Actor Manager = new("maria", "manager");
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly PositionKey Key = new("W1", "SKU-OPS");

    [Fact]
    public async Task Every_new_entry_type_and_column_reads_back_and_folds_to_the_same_position()
    {
        await using var source = NpgsqlDataSource.Create(await fixture.CreateMigratedDatabaseAsync());
        await using var store = new PostgresStockPositionStore(source);
        var position = new StockPosition(Key, CostingMethod.Fifo) { RemovalStrategy = RemovalStrategy.Fefo };
        var entries = new List<LedgerEntry>();
        void Record(Result<Movement> result)
        {
            Assert.True(result.IsSuccess, result.Failure?.Message);
            entries.AddRange(result.Value.Entries);
        }

        Record(position.Order("PO-7", 30, Clerk, Now, supplier: "ACME"));
        Record(position.Receive(new ReceiveStock(20, 2.5m, "LOT-1", new DateOnly(2027, 1, 31), Status: StockStatus.QualityControl,
            ManufacturedOn: new DateOnly(2026, 10, 1), Supplier: "ACME", PurchaseOrder: "PO-7"), Clerk, Now));
        Record(position.ChangeStatus(new StatusChange(15, StockStatus.QualityControl, StockStatus.Available, Reason: "qc passed"), Clerk, Now));
        Record(position.ChangeStatus(new StatusChange(5, StockStatus.QualityControl, StockStatus.Damaged, "LOT-1"), Clerk, Now));
        Record(position.WriteOff(2, AdjustmentReason.Damage, StockStatus.Damaged, Clerk, Now, approval: new Approval(1m, Manager)));
        Record(position.SetCount(2, null, Clerk, Now, status: StockStatus.Damaged));
        Record(position.CancelOrder("PO-7", 4, Clerk, Now, "short-shipped"));
        Record(position.Ship(6, Clerk, Now, "transfer:t1", "transfer:t1:ship"));
        Record(position.ReceiveTransfer([new LayerDraw(3, 2, 4m) { Lot = "B", ExpiresOn = new DateOnly(2027, 3, 1) }], Clerk, Now, "transfer:t2", "transfer:t2:receive:1"));
        Record(position.RecordTransitLoss([new LayerDraw(3, 1, 4m) { Lot = "B" }], "transit_loss", Clerk, Now, "transfer:t2", "transfer:t2:close"));
        Record(position.Return(new ReturnStock(1, 3m, StockStatus.QualityControl, "RMA-1"), Clerk, Now));

        await ((IStockPositionStore)store).SaveAsync(position.ToSnapshot(), 0, entries);

        var ledger = await ((IStockPositionStore)store).ReadLedgerAsync(Key);
        Assert.Equal(entries.Count, ledger.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(entries[i] with { Draws = [] }, ledger[i] with { Draws = [] });
            Assert.Equal(entries[i].Draws, ledger[i].Draws);
        }

        Assert.Empty(StockPosition.Fold(Key, ledger).DifferencesFrom(position));
        var loaded = StockPosition.FromSnapshot((await ((IStockPositionStore)store).LoadAsync(Key))!);
        Assert.Empty(loaded.DifferencesFrom(position));
        // 30 ordered - 20 received against the order - 4 cancelled = 6 still incoming
        Assert.Equal((RemovalStrategy.Fefo, 1m, 2m, 6m), (loaded.RemovalStrategy!.Value, loaded.QualityControl, loaded.Damaged, loaded.Incoming));

        await using var check = source.CreateCommand(
            "SELECT approved_by, approved_role, from_status FROM stock_ledger WHERE type = 'written_off'");
        await using var reader = await check.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("maria", "manager", "damaged"), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));
    }

    [Fact]
    public async Task Transfer_records_are_versioned_and_listed_by_status_and_warehouse()
    {
        await using var source = NpgsqlDataSource.Create(await fixture.CreateMigratedDatabaseAsync());
        ITransferStore store = new PostgresTransferStore(source);
        var line = new LayerDraw(4, 3, 2.5m) { Lot = "L1", ExpiresOn = new DateOnly(2027, 1, 1) };
        var record = new TransferRecord("t-1", new TransferRequest("A", "B", "SKU", 3, "ref", AutoReceive: false), TransferStatus.InTransit,
            Clerk, Now, Now, [line], 7.5m, [line], []);

        var version = await store.SaveAsync(record, 0);
        await Assert.ThrowsAsync<VersionConflictException>(() => store.SaveAsync(record, 0));
        var receipt = new TransferReceipt(1, [line with { Quantity = 2 }], Clerk, Now, "key-1");
        await store.SaveAsync(record with { Status = TransferStatus.Receiving, PendingReceipt = receipt }, version);
        await store.SaveAsync(new TransferRecord("t-2", new TransferRequest("C", "D", "SKU", 1, null), TransferStatus.Completed,
            Clerk, Now.AddMinutes(1), Now, [], 0m, [], []), 0);

        var (loaded, loadedVersion) = (await store.LoadAsync("t-1"))!.Value;
        Assert.Equal((TransferStatus.Receiving, 2L, "L1", 2m), (loaded.Status, loadedVersion, loaded.PendingReceipt!.Lines[0].Lot, loaded.PendingReceipt.Quantity));
        Assert.Equal(["t-1"], (await store.ListAsync([TransferStatus.Pending, TransferStatus.Receiving], null, 10)).Select(r => r.Id));
        Assert.Equal(["t-2"], (await store.ListAsync([], "D", 10)).Select(r => r.Id));
        Assert.Equal(["t-2", "t-1"], (await store.ListAsync([], null, 10)).Select(r => r.Id));
    }

    [Fact]
    public async Task Approval_records_are_versioned_and_listed_oldest_first()
    {
        await using var source = NpgsqlDataSource.Create(await fixture.CreateMigratedDatabaseAsync());
        IApprovalStore store = new PostgresApprovalStore(source);
        var submission = new ApprovalSubmission("W1", "SKU", new StockCorrection(CorrectionKind.Count, 10, Status: StockStatus.Damaged), 150m, 100m, -30m);
        var record = new ApprovalRecord("a-1", submission, ApprovalStatus.Pending, Clerk, Now, Now);

        var version = await store.SaveAsync(record, 0);
        await store.SaveAsync(record with { Status = ApprovalStatus.Approving, DecidedBy = Manager }, version);
        await Assert.ThrowsAsync<VersionConflictException>(() => store.SaveAsync(record, version));
        await store.SaveAsync(new ApprovalRecord("a-2", submission with { Warehouse = "W2" }, ApprovalStatus.Pending, Clerk, Now.AddMinutes(1), Now), 0);

        var loaded = (await store.LoadAsync("a-1"))!.Value.Record;
        Assert.Equal((ApprovalStatus.Approving, "maria", CorrectionKind.Count, StockStatus.Damaged), (loaded.Status, loaded.DecidedBy!.User, loaded.Submission.Correction.Kind, loaded.Submission.Correction.Status));
        Assert.Equal(["a-1"], (await store.ListAsync([ApprovalStatus.Approving], null, 10)).Select(r => r.Id));
        Assert.Equal(["a-1", "a-2"], (await store.ListAsync([], null, 10)).Select(r => r.Id));
        Assert.Equal(["a-2"], (await store.ListAsync([ApprovalStatus.Pending], "W2", 10)).Select(r => r.Id));
    }

    [Fact]
    public async Task Finished_transfers_of_the_first_version_are_carried_over_from_grain_state()
    {
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(connectionString);
        // As the first TransferGrain wrote them (web JSON, status as a number: 2 completed, 3 failed, 1 shipped)
        await Execute(source, """
            insert into grain_state (state_name, key, version, data) values
            ('transfer', 'old-done', 3, '{"id":"old-done","request":{"from":"A","to":"B","sku":"S","quantity":15,"reference":"rebalance"},"status":2,"costOfGoods":40,"failureCode":null,"failureMessage":null,"createdBy":"alice","createdAt":"2026-01-02T03:04:05+00:00","updatedAt":"2026-01-02T03:04:06+00:00"}'),
            ('transfer', 'old-failed', 2, '{"id":"old-failed","request":{"from":"A","to":"B","sku":"S","quantity":9,"reference":null},"status":3,"costOfGoods":null,"failureCode":"INSUFFICIENT_STOCK","failureMessage":"Only 1 available","createdBy":"bob","createdAt":"2026-01-02T03:04:05+00:00","updatedAt":"2026-01-02T03:04:05+00:00"}'),
            ('transfer', 'old-shipped', 2, '{"id":"old-shipped","request":{"from":"A","to":"B","sku":"S","quantity":1,"reference":null},"status":1,"costOfGoods":1,"failureCode":null,"failureMessage":null,"createdBy":"bob","createdAt":"2026-01-02T03:04:05+00:00","updatedAt":"2026-01-02T03:04:05+00:00"}');
            drop table transfers; drop table approvals; delete from schema_migrations where version = 21;
            """);

        await MigrationRunner.ApplyAsync(connectionString);

        ITransferStore store = new PostgresTransferStore(source);
        var done = (await store.LoadAsync("old-done"))!.Value.Record;
        Assert.Equal((TransferStatus.Completed, 15m, 15m, 0m, 40m), (done.Status, done.ShippedQuantity, done.ReceivedQuantity, done.InTransitQuantity, done.CostOfGoods!.Value));
        // the old record kept only the cost of goods: one line at 40 / 15 (PostgreSQL divides to 16 significant digits)
        Assert.Equal((2.666666666667m, "alice", "rebalance"), (Math.Round(done.Shipped[0].UnitCost, 12), done.Receipts[0].ReceivedBy.User, done.Request.Reference));
        var failed = (await store.LoadAsync("old-failed"))!.Value.Record;
        Assert.Equal((TransferStatus.Failed, "INSUFFICIENT_STOCK"), (failed.Status, failed.FailureCode));
        Assert.Null(await store.LoadAsync("old-shipped"));
    }

    private static async Task Execute(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
