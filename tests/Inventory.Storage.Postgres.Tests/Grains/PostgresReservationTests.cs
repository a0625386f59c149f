using Inventory.Domain;
using Inventory.Domain.Reservations;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Reservations;
using Inventory.Grains.Storage;
using Inventory.Storage.Postgres.Grains;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inventory.Storage.Postgres.Tests.Grains;

[Collection(PostgresCollection.Name)]
public sealed class PostgresReservationTests(PostgresFixture fixture)
{
    private static readonly Actor Clerk = PostgresGrainHost.Clerk;

    private static CreateReservation Lines(params (string Warehouse, string Sku, decimal Quantity)[] lines) =>
        new(lines.Select(l => new ReservationLineRequest(l.Warehouse, l.Sku, l.Quantity)).ToArray());

    [Fact]
    public async Task The_reservation_store_checks_versions()
    {
        await using var source = NpgsqlDataSource.Create(await fixture.CreateMigratedDatabaseAsync());
        await using var store = new PostgresReservationStore(source);
        var now = DateTimeOffset.UtcNow;
        var record = new ReservationRecord("r1", ReservationStatusValue.Pending, [new ReservationLine("W1", "A", 2)], now.AddMinutes(5), now, now, "cart", "clerk");

        Assert.Equal(1, await store.SaveAsync(record, 0));
        await Assert.ThrowsAsync<VersionConflictException>(() => store.SaveAsync(record, 0));
        Assert.Equal(2, await store.SaveAsync(record with { Status = ReservationStatusValue.Active }, 1));
        await Assert.ThrowsAsync<VersionConflictException>(() => store.SaveAsync(record, 1));

        var (loaded, version) = (await store.LoadAsync("r1"))!.Value;
        Assert.Equal(2, version);
        Assert.Equal(ReservationStatusValue.Active, loaded.Status);
        Assert.Equal(record.Lines, loaded.Lines);
        Assert.Equal(["r1"], await store.ListIdsAsync([ReservationStatusValue.Active]));
    }

    [Fact]
    public async Task A_multi_line_reservation_survives_a_restart_and_commits_with_cost()
    {
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        await using (var first = await PostgresGrainHost.StartAsync(connectionString))
        {
            Assert.True((await first.Position("W1", "A").ReceiveAsync(new ReceiveStock(10, 2m), Clerk)).IsSuccess);
            Assert.True((await first.Position("W2", "B").ReceiveAsync(new ReceiveStock(10, 5m), Clerk)).IsSuccess);
            Assert.True((await first.Reservation("order-1").CreateAsync(Lines(("W1", "A", 3), ("W2", "B", 1)), Clerk)).IsSuccess);
        }

        await using var second = await PostgresGrainHost.StartAsync(connectionString);
        Assert.Equal("active", (await second.Reservation("order-1").GetAsync())!.Status);
        var committed = await second.Reservation("order-1").CommitAsync(Clerk);
        Assert.Equal(11m, committed.Value.CostOfGoods);
        Assert.Equal(7m, (await second.Position("W1", "A").GetAsync()).OnHand);
    }

    [Fact]
    public async Task Reservations_that_expired_while_the_service_was_down_are_released_by_the_start_up_sweep()
    {
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        var clock = FakeClock.New();
        await using (var first = await PostgresGrainHost.StartAsync(connectionString, o => o.CommitGrace = TimeSpan.Zero, clock))
        {
            Assert.True((await first.Position("W1", "A").ReceiveAsync(new ReceiveStock(10, 2m), Clerk)).IsSuccess);
            var created = await first.Reservation("cart-1").CreateAsync(Lines(("W1", "A", 4)) with { Ttl = TimeSpan.FromSeconds(1) }, Clerk);
            Assert.True(created.IsSuccess);
        }
        clock.Advance(TimeSpan.FromSeconds(2)); // "down" while it expires

        await using var second = await PostgresGrainHost.StartAsync(connectionString, clock: clock);
        var sweeper = ActivatorUtilities.CreateInstance<ExpirySweeper>(second.Services,
            Options.Create(new ExpirySweepOptions()), NullLogger<ExpirySweeper>.Instance);
        Assert.True(await sweeper.SweepAsync(CancellationToken.None) >= 2);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT reserved FROM stock_positions WHERE sku = 'A'),
                   (SELECT status FROM reservations WHERE id = 'cart-1'),
                   (SELECT count(*) FROM stock_ledger WHERE type = 'expired' AND reservation_id = 'cart-1')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(0m, reader.GetDecimal(0));
        Assert.Equal("expired", reader.GetString(1));
        Assert.Equal(1L, reader.GetInt64(2));
    }

    [Fact]
    public async Task A_reservation_left_pending_after_all_its_lines_were_held_is_rolled_forward_by_recovery()
    {
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        await using var host = await PostgresGrainHost.StartAsync(connectionString);
        Assert.True((await host.Position("W1", "A").ReceiveAsync(new ReceiveStock(10, 2m), Clerk)).IsSuccess);
        Assert.True((await host.Position("W2", "B").ReceiveAsync(new ReceiveStock(10, 2m), Clerk)).IsSuccess);
        // What a crash right after the answer leaves behind: every line held, the record still pending.
        var now = DateTimeOffset.UtcNow;
        await host.Reservations.SaveAsync(new ReservationRecord("answered", ReservationStatusValue.Pending,
            [new ReservationLine("W1", "A", 3), new ReservationLine("W2", "B", 1)], now.AddMinutes(15), now, now, null, "clerk"), 0);
        Assert.True((await host.Position("W1", "A").ReserveAsync("answered", 3, now.AddMinutes(15), Clerk, null)).IsSuccess);
        Assert.True((await host.Position("W2", "B").ReserveAsync("answered", 1, now.AddMinutes(15), Clerk, null)).IsSuccess);

        var sweeper = ActivatorUtilities.CreateInstance<ExpirySweeper>(host.Services,
            Options.Create(new ExpirySweepOptions()), NullLogger<ExpirySweeper>.Instance);
        await sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal("active", (await host.Reservation("answered").GetAsync())!.Status);
        Assert.Equal(ReservationStatusValue.Active, (await host.Reservations.LoadAsync("answered"))!.Value.Record.Status);
        Assert.Equal(3m, (await host.Position("W1", "A").GetAsync()).Reserved);
    }

    [Fact]
    public async Task A_created_reservation_is_answered_before_active_is_written_and_written_right_after()
    {
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        await using var host = await PostgresGrainHost.StartAsync(connectionString);
        Assert.True((await host.Position("W1", "A").ReceiveAsync(new ReceiveStock(10, 2m), Clerk)).IsSuccess);
        Assert.True((await host.Position("W2", "B").ReceiveAsync(new ReceiveStock(10, 2m), Clerk)).IsSuccess);

        var created = await host.Reservation("fresh-1").CreateAsync(Lines(("W1", "A", 2), ("W2", "B", 1)) with { NewId = true }, Clerk);

        Assert.Equal("active", created.Value.Status);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await host.Reservations.LoadAsync("fresh-1"))!.Value.Record.Status != ReservationStatusValue.Active && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(ReservationStatusValue.Active, (await host.Reservations.LoadAsync("fresh-1"))!.Value.Record.Status);
        Assert.Equal("committed", (await host.Reservation("fresh-1").CommitAsync(Clerk)).Value.Status);
    }

    [Fact]
    public async Task A_reservation_left_pending_by_a_crash_between_lines_is_rolled_back_by_recovery()
    {
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        await using var host = await PostgresGrainHost.StartAsync(connectionString);
        Assert.True((await host.Position("W1", "A").ReceiveAsync(new ReceiveStock(10, 2m), Clerk)).IsSuccess);
        // What a crash after the first line leaves behind: a Pending record and one held line.
        var now = DateTimeOffset.UtcNow;
        await host.Reservations.SaveAsync(new ReservationRecord("crashed", ReservationStatusValue.Pending,
            [new ReservationLine("W1", "A", 3), new ReservationLine("W2", "B", 1)], now.AddMinutes(15), now, now, null, "clerk"), 0);
        Assert.True((await host.Position("W1", "A").ReserveAsync("crashed", 3, now.AddMinutes(15), Clerk, null)).IsSuccess);

        var sweeper = ActivatorUtilities.CreateInstance<ExpirySweeper>(host.Services,
            Options.Create(new ExpirySweepOptions()), NullLogger<ExpirySweeper>.Instance);
        await sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(0m, (await host.Position("W1", "A").GetAsync()).Reserved);
        Assert.Equal("failed", (await host.Reservation("crashed").GetAsync())!.Status);
    }

    [Fact]
    public async Task A_single_line_checkout_is_answered_only_once_its_line_and_active_record_are_stored_together()
    {
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        await using var host = await PostgresGrainHost.StartAsync(connectionString);
        Assert.True((await host.Position("W1", "A").ReceiveAsync(new ReceiveStock(10, 2m), Clerk)).IsSuccess);

        var created = await host.Reservation("single-1").CreateAsync(Lines(("W1", "A", 2)) with { NewId = true }, Clerk);

        Assert.Equal("active", created.Value.Status);
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand("""
            SELECT r.status, r.version, l.xmin::text = r.xmin::text
            FROM reservations r JOIN stock_ledger l ON l.reservation_id = r.id AND l.type = 'reserved'
            WHERE r.id = 'single-1'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("active", reader.GetString(0));
        Assert.Equal(1L, reader.GetInt64(1));
        Assert.True(reader.GetBoolean(2)); // written by the same transaction as the ledger row
    }

    [Fact]
    public async Task A_record_riding_with_a_position_commit_is_stored_only_when_the_commit_is()
    {
        await using var source = NpgsqlDataSource.Create(await fixture.CreateMigratedDatabaseAsync());
        await using var positions = new PostgresStockPositionStore(source);
        await using var reservations = new PostgresReservationStore(source);
        var key = new PositionKey("W1", "A");
        var now = DateTimeOffset.UtcNow;
        var position = new StockPosition(key);
        var receipt = position.Receive(new ReceiveStock(10, 1m), Clerk, now).Value.Entries;
        await positions.SaveAsync(PositionWrite.Full(position.ToSnapshot(), 0, receipt));
        var first = new ReservationRecord("ride-1", ReservationStatusValue.Active, [new ReservationLine("W1", "A", 2)], now.AddMinutes(5), now, now, null, "clerk");
        var reserved = position.Reserve("ride-1", 2, now.AddMinutes(5), Clerk, now).Value.Entries;

        // A stale version: nothing of the batch is written, the record neither.
        await Assert.ThrowsAsync<VersionConflictException>(() => positions.SaveAsync(
            new PositionWrite(position.ToSnapshot(withReservations: false), null, 7, reserved, position.NextExpiry, [first])));
        Assert.Null(await reservations.LoadAsync("ride-1"));

        await positions.SaveAsync(new PositionWrite(position.ToSnapshot(withReservations: false), null, 1, reserved, position.NextExpiry, [first]));
        var (stored, version) = (await reservations.LoadAsync("ride-1"))!.Value;
        Assert.Equal(1L, version);
        Assert.Equal(ReservationStatusValue.Active, stored.Status);
        Assert.Equal(first.Lines, stored.Lines);

        // Another line of the same reservation carrying the record again leaves the stored one as it is.
        var again = position.Reserve("ride-2", 1, now.AddMinutes(5), Clerk, now).Value.Entries;
        await positions.SaveAsync(new PositionWrite(position.ToSnapshot(withReservations: false), null, position.Sequence - 1, again,
            position.NextExpiry, [first with { Status = ReservationStatusValue.Pending }]));
        Assert.Equal(ReservationStatusValue.Active, (await reservations.LoadAsync("ride-1"))!.Value.Record.Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_cart_a_crash_left_as_pending_lines_is_rolled_forward_when_every_line_is_held_and_back_otherwise(bool allHeld)
    {
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        await using var host = await PostgresGrainHost.StartAsync(connectionString);
        Assert.True((await host.Position("W1", "A").ReceiveAsync(new ReceiveStock(10, 2m), Clerk)).IsSuccess);
        Assert.True((await host.Position("W2", "B").ReceiveAsync(new ReceiveStock(10, 2m), Clerk)).IsSuccess);
        // What a crash leaves behind now: lines held with the pending record riding beside each, no record row.
        var now = DateTimeOffset.UtcNow;
        var pending = new ReservationRecord("in-flight", ReservationStatusValue.Pending,
            [new ReservationLine("W1", "A", 3), new ReservationLine("W2", "B", 1)], now.AddMinutes(15), now, now, "cart-9", "clerk");
        Assert.True((await host.Position("W1", "A").ReserveAsync("in-flight", 3, now.AddMinutes(15), Clerk, "cart-9", pending)).IsSuccess);
        if (allHeld)
            Assert.True((await host.Position("W2", "B").ReserveAsync("in-flight", 1, now.AddMinutes(15), Clerk, "cart-9", pending)).IsSuccess);
        Assert.Equal(allHeld ? 2L : 1L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM reservation_pending_lines WHERE id = 'in-flight'"));
        Assert.Equal((ReservationStatusValue.Pending, 0L), await host.Reservations.LoadAsync("in-flight") is { } loaded
            ? (loaded.Record.Status, loaded.Version) : default);
        Assert.Equal(["in-flight"], await host.Reservations.ListIdsAsync([ReservationStatusValue.Pending]));

        var sweeper = ActivatorUtilities.CreateInstance<ExpirySweeper>(host.Services,
            Options.Create(new ExpirySweepOptions()), NullLogger<ExpirySweeper>.Instance);
        await sweeper.SweepAsync(CancellationToken.None);

        var (record, version) = (await host.Reservations.LoadAsync("in-flight"))!.Value;
        Assert.Equal(allHeld ? ReservationStatusValue.Active : ReservationStatusValue.Failed, record.Status);
        Assert.Equal(1L, version);
        Assert.Equal("cart-9", record.Reference);
        Assert.Equal(allHeld ? 3m : 0m, (await host.Position("W1", "A").GetAsync()).Reserved);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM reservation_pending_lines"));
        Assert.Empty(await host.Reservations.ListIdsAsync([ReservationStatusValue.Pending]));
    }

    [Fact]
    public async Task Concurrent_carts_over_shared_positions_all_finish_without_a_deadlock_and_hold_exactly_what_they_report()
    {
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        await using var host = await PostgresGrainHost.StartAsync(connectionString);
        string[] skus = ["A", "B", "C", "D", "E", "F"];
        foreach (var warehouse in new[] { "W1", "W2" })
            foreach (var sku in skus)
                Assert.True((await host.Position(warehouse, sku).ReceiveAsync(new ReceiveStock(120, 1m), Clerk)).IsSuccess);

        // Every cart holds 4 of the 12 positions, in a different order of warehouses and skus, so concurrent
        // statements carry lines of the same carts in every combination.
        var random = new Random(7);
        var carts = Enumerable.Range(0, 400).Select(i => Lines(skus.OrderBy(_ => random.Next()).Take(4)
            .Select((sku, n) => (n % 2 == 0 ? "W1" : "W2", sku, 1m)).ToArray()) with
        { NewId = true }).ToArray();
        var results = await Task.WhenAll(carts.Select((cart, i) => Task.Run(() => host.Reservation($"cart-{i}").CreateAsync(cart, Clerk))));

        Assert.All(results, r => Assert.True(r.IsSuccess || r.Failure!.Code == ErrorCodes.InsufficientStock, r.Failure?.Message));
        Assert.InRange(results.Count(r => r.IsSuccess), 100, 399); // some carts run into a position that ran out
        foreach (var warehouse in new[] { "W1", "W2" })
            foreach (var sku in skus)
            {
                var expected = carts.Where((c, i) => results[i].IsSuccess).Sum(c => c.Lines.Where(l => l.Warehouse == warehouse && l.Sku == sku).Sum(l => l.Quantity));
                Assert.Equal(expected, (await host.Position(warehouse, sku).GetAsync()).Reserved);
            }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM reservation_pending_lines") > 0)
            await Task.Delay(50);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM reservation_pending_lines"));
        Assert.Equal((long)results.Count(r => r.IsSuccess), await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM reservations WHERE status = 'active'"));
    }

    [Fact]
    public async Task A_cart_line_commit_never_waits_for_another_line_of_the_same_cart_still_committing()
    {
        // Two lines of one cart are committed by two positions in two concurrent statements. If both stored the same
        // row, the second would wait on the first's uncommitted insert (and concurrent pairs in opposite order
        // deadlock). Here the first statement is held open right after it stored its rider, whatever table that is.
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        await Sql.ExecuteAsync(connectionString, """
            CREATE FUNCTION hold_first_rider() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.id = 'held-cart' AND pg_try_advisory_xact_lock(4711) THEN
                    PERFORM pg_advisory_xact_lock(4712); -- until the test lets go
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER hold_rider AFTER INSERT ON reservations FOR EACH ROW EXECUTE FUNCTION hold_first_rider();
            CREATE TRIGGER hold_pending_rider AFTER INSERT ON reservation_pending_lines FOR EACH ROW EXECUTE FUNCTION hold_first_rider();
            """);
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var positions = new PostgresStockPositionStore(source);
        var now = DateTimeOffset.UtcNow;
        var cart = new ReservationRecord("held-cart", ReservationStatusValue.Pending,
            [new ReservationLine("W1", "A", 1), new ReservationLine("W2", "B", 1)], now.AddMinutes(5), now, now, null, "clerk");
        var a = new StockPosition(new PositionKey("W1", "A"));
        var b = new StockPosition(new PositionKey("W2", "B"));
        foreach (var position in new[] { a, b })
        {
            var received = position.Receive(new ReceiveStock(10, 1m), Clerk, now).Value.Entries;
            await positions.SaveAsync(PositionWrite.Full(position.ToSnapshot(), 0, received));
        }
        PositionWrite Line(StockPosition position)
        {
            var before = position.Sequence;
            var entries = position.Reserve("held-cart", 1, now.AddMinutes(5), Clerk, now).Value.Entries;
            return new PositionWrite(position.ToSnapshot(withReservations: false), null, before, entries, position.NextExpiry, [cart]);
        }

        await using var gate = new NpgsqlConnection(connectionString);
        await gate.OpenAsync();
        await using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock(4712)", gate))
            await hold.ExecuteNonQueryAsync();
        var first = positions.SaveAsync(Line(b));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4712 AND NOT granted") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the first line's commit never reached its rider");
            await Task.Delay(20);
        }

        var second = positions.SaveAsync(Line(a));
        var finished = await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(15)));
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(4712)", gate))
            await release.ExecuteNonQueryAsync();
        await first;

        Assert.True(ReferenceEquals(second, finished), "the second line's commit waited for the first line's statement to end");
        await second;
        Assert.Equal(2L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM reservation_pending_lines WHERE id = 'held-cart'"));
    }
}
