using Inventory.Domain;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Reservations;
using Inventory.Runtime;
using Inventory.Storage.Postgres.Grains;
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
        await using (var first = await PostgresGrainHost.StartAsync(connectionString, o => o.CommitGrace = TimeSpan.Zero))
        {
            Assert.True((await first.Position("W1", "A").ReceiveAsync(new ReceiveStock(10, 2m), Clerk)).IsSuccess);
            var created = await first.Reservation("cart-1").CreateAsync(Lines(("W1", "A", 4)) with { Ttl = TimeSpan.FromSeconds(1) }, Clerk);
            Assert.True(created.IsSuccess);
        }
        await Task.Delay(1500); // "down" while it expires

        await using var second = await PostgresGrainHost.StartAsync(connectionString);
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

        var created = await host.Reservation("fresh-1").CreateAsync(Lines(("W1", "A", 2)) with { NewId = true }, Clerk);

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
}
