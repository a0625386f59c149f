using System.Diagnostics;
using Inventory.Grains.Events;
using Inventory.TestSupport;
using Npgsql;

namespace Inventory.Events.Tests;

/// <summary>The ledger as an Orleans persistent stream provider, on one silo over a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerStreamTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Events_are_delivered_only_after_commit_and_carry_the_ledger_seq()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        var consumer = new RecordingConsumer();
        await using var host = await EventsHost.StartAsync(db, consumer, alerts: false);

        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var seq = await LedgerRowsInFlight.InsertAsync(connection, transaction, "W1", "PENDING");
        await host.LedgerReadTwiceAsync(); // the uncommitted row must not surface
        Assert.Empty(consumer.Events);
        Assert.Empty(host.Bus.Events);

        await transaction.CommitAsync();
        await Eventually.TrueAsync(() => consumer.Events.Count == 2 && host.Bus.Events.Count == 2, "the committed row is delivered");
        var received = consumer.Events[0];
        Assert.Equal(InventoryEventTypes.StockReceived, received.Type);
        Assert.Equal(seq, received.LedgerSeq);
        Assert.Equal(StockEvent.CurrentVersion, received.Version);
        Assert.Equal(InventoryEventTypes.LevelChanged, consumer.Events[1].Type);
        Assert.Equal(seq, consumer.Events[1].LedgerSeq);
        await EventsHost.DeliveredThroughAsync(db, seq);
    }

    [Fact]
    public async Task A_grain_batch_becomes_entry_events_and_one_level_change_with_the_ledger_seqs()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        var consumer = new RecordingConsumer();
        await using var host = await EventsHost.StartAsync(db, consumer, alerts: false);

        await host.ReceiveAsync("W1", "SKU-1", 10);
        await host.ReserveAsync("W1", "SKU-1", "r1", 4);

        await Eventually.TrueAsync(() => consumer.Events.Count(e => e.Type == InventoryEventTypes.LevelChanged && e.Reserved == 4) == 1,
            "the reservation's level change arrives");
        var seqs = await LedgerSeqsAsync(db);
        var entries = consumer.Events.Where(e => e.Type != InventoryEventTypes.LevelChanged).ToList();
        Assert.Equal(seqs, entries.Select(e => e.LedgerSeq));
        Assert.Equal([InventoryEventTypes.StockReceived, InventoryEventTypes.StockReserved], entries.Select(e => e.Type));

        var reserved = entries[1];
        Assert.Equal(("W1", "SKU-1", 4m, 10m, 4m, 6m, "r1", "order-1", "clerk", "warehouse_staff"),
            (reserved.Warehouse, reserved.Sku, reserved.Quantity, reserved.OnHand, reserved.Reserved, reserved.Available,
                reserved.ReservationId, reserved.Reference, reserved.User, reserved.Role));

        var level = consumer.Events.Last();
        Assert.Equal((InventoryEventTypes.LevelChanged, seqs[1], 6m), (level.Type, level.LedgerSeq, level.Available));
        // One or two reads, depending on timing; the level changes add up to the net change either way.
        Assert.Equal(6m, consumer.Events.Where(e => e.Type == InventoryEventTypes.LevelChanged).Sum(e => e.Quantity));
        // This node's bus (the hub's source) got the same events, in order, through the live feed.
        await Eventually.TrueAsync(() => host.Bus.Of<StockEvent>().Count == consumer.Events.Count, "the bus has them too");
        Assert.Equal(consumer.Events, host.Bus.Of<StockEvent>());
    }

    [Fact]
    public async Task Positions_spread_over_the_queues_and_each_queue_keeps_its_positions_in_ledger_order()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        var consumer = new RecordingConsumer();
        await using var host = await EventsHost.StartAsync(db, consumer, alerts: false);

        var skus = Enumerable.Range(1, 12).Select(i => "SPREAD-" + i).ToList();
        foreach (var sku in skus)
            await host.ReceiveAsync("W1", sku, 5);
        foreach (var sku in skus)
            await host.ReserveAsync("W1", sku, "r-" + sku, 2);
        var seqs = await LedgerSeqsAsync(db);
        await Eventually.TrueAsync(() => consumer.Events.Count(e => e.Type != InventoryEventTypes.LevelChanged) == seqs.Count, "every entry arrives");

        Assert.Equal(seqs, consumer.InLedgerOrder.Where(e => e.Type != InventoryEventTypes.LevelChanged).Select(e => e.LedgerSeq));
        foreach (var sku in skus)
        {
            var ofSku = consumer.Events.Where(e => e.Sku == sku && e.Type != InventoryEventTypes.LevelChanged).ToList();
            Assert.Equal([InventoryEventTypes.StockReceived, InventoryEventTypes.StockReserved], ofSku.Select(e => e.Type));
        }
        var rows = await Sql.ScalarAsync<long>(db, "SELECT count(DISTINCT consumer) FROM event_checkpoints WHERE starts_with(consumer, 'ledger-stream/4/')");
        Assert.Equal(4, rows); // every queue of the four keeps a checkpoint
        var queues = skus.Select(s => new Inventory.Events.LedgerQueueMapper(4, "ledger").IndexOf(new Domain.PositionKey("W1", s))).Distinct().Count();
        Assert.True(queues > 1, "twelve positions hash onto more than one queue");
        await EventsHost.DeliveredThroughAsync(db, seqs[^1]);
    }

    [Fact]
    public async Task A_node_stopped_and_restarted_catches_up_from_the_checkpoints_without_missing_or_repeating()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        var before = new RecordingConsumer();
        await using (var host = await EventsHost.StartAsync(db, before, alerts: false))
        {
            for (var i = 1; i <= 3; i++)
                await host.ReceiveAsync("W1", "SKU-" + i, i);
            await Eventually.TrueAsync(() => before.Events.Count(e => e.Type == InventoryEventTypes.StockReceived) == 3, "the first receipts are handled");
            await EventsHost.DeliveredThroughAsync(db, before.Events.Max(e => e.LedgerSeq));
        }
        var checkpoint = before.Events.Max(e => e.LedgerSeq);

        // While no node reads the ledger, another process keeps writing.
        await using (var writer = await EventsHost.StartAsync(db, streams: false, alerts: false))
        {
            for (var i = 4; i <= 8; i++)
                await writer.ReceiveAsync("W1", "SKU-" + i, i);
        }

        var after = new RecordingConsumer();
        await using (var restarted = await EventsHost.StartAsync(db, after, alerts: false))
        {
            await Eventually.TrueAsync(() => after.Events.Count(e => e.Type == InventoryEventTypes.StockReceived) == 5, "the missed receipts are caught up");
            await restarted.LedgerReadTwiceAsync(); // anything delivered twice would have been handed over by now
        }

        var all = before.InLedgerOrder.Concat(after.InLedgerOrder).Where(e => e.Type == InventoryEventTypes.StockReceived).ToList();
        Assert.Equal(await LedgerSeqsAsync(db), all.Select(e => e.LedgerSeq));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => "SKU-" + i), all.Select(e => e.Sku));
        Assert.All(after.Events, e => Assert.True(e.LedgerSeq > checkpoint));
    }

    [Fact]
    public async Task After_an_upgrade_the_queues_start_where_the_former_event_pump_stopped()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        await using (var writer = await EventsHost.StartAsync(db, streams: false, alerts: false))
        {
            for (var i = 1; i <= 3; i++)
                await writer.ReceiveAsync("W1", "UPGRADE-" + i, i);
        }
        await Sql.ExecuteAsync(db, "INSERT INTO event_checkpoints (consumer, seq, updated_at) VALUES ('alerts', 2, now())");

        var consumer = new RecordingConsumer();
        await using var host = await EventsHost.StartAsync(db, consumer, alerts: false);
        await EventsHost.DeliveredThroughAsync(db, 3);
        Assert.Equal([3L, 3L], consumer.Events.Select(e => e.LedgerSeq));
        Assert.Equal("UPGRADE-3", consumer.Events[0].Sku);
    }

    [Fact]
    public async Task With_another_number_of_queues_the_new_queues_start_where_the_old_ones_stopped()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        await using (var two = await EventsHost.StartAsync(db, new RecordingConsumer(), o => o.Queues = 2, alerts: false))
        {
            for (var i = 1; i <= 3; i++)
                await two.ReceiveAsync("W1", "RESIZE-" + i, i);
            await EventsHost.DeliveredThroughAsync(db, 3, queues: 2);
        }

        var consumer = new RecordingConsumer();
        await using var four = await EventsHost.StartAsync(db, consumer, o => o.Queues = 4, alerts: false);
        await four.ReceiveAsync("W1", "RESIZE-4", 4);
        await EventsHost.DeliveredThroughAsync(db, 4, queues: 4);
        Assert.Equal([4L, 4L], consumer.Events.Select(e => e.LedgerSeq)); // nothing the two queues delivered comes again
    }

    [Fact]
    public async Task A_failing_consumer_gets_the_same_events_again_while_the_others_go_on()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        var flaky = new RecordingConsumer();
        flaky.FailNext(2);
        await using var host = await EventsHost.StartAsync(db, flaky, alerts: false);

        await host.ReceiveAsync("W1", "SKU-1", 5);
        await Eventually.TrueAsync(() => host.Bus.Of<StockEvent>().Count == 2, "the live feed (another consumer of the queue) is served");
        await Eventually.TrueAsync(() => flaky.Events.Count == 2, "the failing consumer gets the events after its failures");
        Assert.Equal(3, flaky.Calls);
        Assert.Equal(host.Bus.Of<StockEvent>(), flaky.Events);
        await EventsHost.DeliveredThroughAsync(db, flaky.Events[^1].LedgerSeq);
    }

    [Fact]
    public async Task A_higher_seq_waits_for_a_lower_one_still_in_flight_and_both_arrive_in_order()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        var consumer = new RecordingConsumer();
        await using var host = await EventsHost.StartAsync(db, consumer, o => o.GapTimeout = TimeSpan.FromSeconds(30), alerts: false);

        await using var slow = new NpgsqlConnection(db);
        await slow.OpenAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        var lower = await LedgerRowsInFlight.InsertAsync(slow, slowTransaction, "W1", "SLOW");

        await using (var fast = new NpgsqlConnection(db))
        {
            await fast.OpenAsync();
            await using var fastTransaction = await fast.BeginTransactionAsync();
            var higher = await LedgerRowsInFlight.InsertAsync(fast, fastTransaction, "W1", "FAST");
            Assert.Equal(lower + 1, higher);
            await fastTransaction.CommitAsync();
        }
        await host.LedgerReadTwiceAsync();
        Assert.Empty(consumer.Events); // seq lower+1 is visible, but lower is not yet: wait

        await slowTransaction.CommitAsync();
        await Eventually.TrueAsync(() => consumer.Events.Count == 4, "both rows are delivered");
        Assert.Equal(["SLOW", "SLOW", "FAST", "FAST"], consumer.InLedgerOrder.Select(e => e.Sku));
        Assert.Equal([lower, lower, lower + 1, lower + 1], consumer.InLedgerOrder.Select(e => e.LedgerSeq));
    }

    [Fact]
    public async Task A_gap_that_never_fills_is_passed_after_the_gap_timeout()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        var consumer = new RecordingConsumer();
        var timeout = TimeSpan.FromMilliseconds(800);
        await using var host = await EventsHost.StartAsync(db, consumer, o => o.GapTimeout = timeout, alerts: false);

        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using (var rolledBack = await connection.BeginTransactionAsync())
        {
            await LedgerRowsInFlight.InsertAsync(connection, rolledBack, "W1", "GONE");
            await rolledBack.RollbackAsync();
        }
        long seq;
        var stopwatch = Stopwatch.StartNew();
        await using (var committed = await connection.BeginTransactionAsync())
        {
            seq = await LedgerRowsInFlight.InsertAsync(connection, committed, "W1", "KEPT");
            await committed.CommitAsync();
        }
        await Eventually.TrueAsync(() => consumer.Events.Count == 2, "the row after the gap is delivered");

        // Not before the gap timeout (a lower bound the receiver guarantees; how much later is the benchmark's business).
        Assert.True(stopwatch.Elapsed >= timeout - TimeSpan.FromMilliseconds(50), $"delivered after {stopwatch.Elapsed.TotalMilliseconds} ms");
        Assert.Equal([seq, seq], consumer.Events.Select(e => e.LedgerSeq));
        await EventsHost.DeliveredThroughAsync(db, seq);

        // Past the gap, new rows flow.
        await host.ReceiveAsync("W1", "NEXT", 1);
        await Eventually.TrueAsync(() => consumer.Events.Count == 4, "the next row is delivered");
    }

    [Fact]
    public async Task A_commit_wakes_the_queues_before_the_poll_interval()
    {
        var db = await fixture.CreateMigratedDatabaseAsync();
        var consumer = new RecordingConsumer();
        // A poll interval no test outlives: only the commit's wake can bring the receipt.
        await using var host = await EventsHost.StartAsync(db, consumer, o => o.PollInterval = TimeSpan.FromHours(1), alerts: false);
        await Task.Delay(200); // the first (empty) reads are over: the queues wait for a wake or the poll

        await host.ReceiveAsync("W1", "SKU-1", 1);
        await Eventually.TrueAsync(() => consumer.Events.Count == 2, "the receipt is delivered");
    }

    private static async Task<List<long>> LedgerSeqsAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT seq FROM stock_ledger ORDER BY seq", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var seqs = new List<long>();
        while (await reader.ReadAsync())
            seqs.Add(reader.GetInt64(0));
        return seqs;
    }
}
