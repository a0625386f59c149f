using Inventory.Domain;
using Inventory.Domain.Reservations;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Reservations;
using Inventory.Grains.Storage;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Grains.Tests;

public sealed class ReservationGrainTests
{
    private static CreateReservation Lines(params (string Warehouse, string Sku, decimal Quantity)[] lines) =>
        new(lines.Select(l => new ReservationLineRequest(l.Warehouse, l.Sku, l.Quantity)).ToArray());

    [Fact]
    public async Task A_reservation_failing_on_its_last_line_leaves_every_position_unchanged_and_reports_every_shortage()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10);
        await host.ReceiveAsync("W1", "B", 10);
        await host.ReceiveAsync("W2", "C", 1);
        await host.ReceiveAsync("W2", "D", 0.5m);

        var result = await host.Reservation("cart-1").CreateAsync(Lines(("W1", "A", 2), ("W1", "B", 3), ("W2", "C", 5), ("W2", "D", 1)), GrainTestHost.Clerk);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.InsufficientStock, result.Failure!.Code);
        var shortages = (IReadOnlyList<LineShortage>)result.Failure.Details!["lines"]!;
        Assert.Equal([new LineShortage("W2", "C", 5, 1), new LineShortage("W2", "D", 1, 0.5m)], shortages);
        foreach (var (warehouse, sku, onHand) in new[] { ("W1", "A", 10m), ("W1", "B", 10m), ("W2", "C", 1m), ("W2", "D", 0.5m) })
        {
            var view = await host.Position(warehouse, sku).GetAsync();
            Assert.Equal(0m, view.Reserved);
            Assert.Equal(onHand, view.Available);
        }
    }

    [Fact]
    public async Task The_same_position_twice_in_one_reservation_is_checked_as_a_sum()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 5);

        var result = await host.Reservation("cart-1").CreateAsync(Lines(("W1", "A", 3), ("W1", "A", 3)), GrainTestHost.Clerk);

        Assert.Equal(ErrorCodes.InsufficientStock, result.Failure?.Code);
        Assert.Equal(5m, (await host.Position("W1", "A").GetAsync()).Available);
    }

    [Fact]
    public async Task Commit_charges_cost_of_goods_per_line_and_is_idempotent()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10, 2.5m);
        await host.ReceiveAsync("W2", "B", 10, 4m);
        var reservation = host.Reservation("order-7");
        var created = await reservation.CreateAsync(Lines(("W1", "A", 2), ("W2", "B", 3)), GrainTestHost.Clerk);
        Assert.Equal("active", created.Value.Status);

        var committed = await reservation.CommitAsync(GrainTestHost.Clerk);
        var again = await reservation.CommitAsync(GrainTestHost.Clerk);

        Assert.Equal("committed", committed.Value.Status);
        Assert.Equal(17m, committed.Value.CostOfGoods); // 2 x 2.50 + 3 x 4.00
        Assert.Equal([5m, 12m], committed.Value.Lines.Select(l => l.CostOfGoods!.Value));
        Assert.Equal(committed.Value.CostOfGoods, again.Value.CostOfGoods);
        Assert.Equal(8m, (await host.Position("W1", "A").GetAsync()).OnHand);
        Assert.Equal(7m, (await host.Position("W2", "B").GetAsync()).OnHand);
    }

    [Fact]
    public async Task Release_returns_every_line_and_a_released_reservation_cannot_be_committed()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10);
        var reservation = host.Reservation("cart-2");
        await reservation.CreateAsync(Lines(("W1", "A", 4)), GrainTestHost.Clerk);

        Assert.Equal("released", (await reservation.ReleaseAsync(GrainTestHost.Clerk)).Value.Status);
        Assert.Equal(10m, (await host.Position("W1", "A").GetAsync()).Available);
        Assert.Equal(ErrorCodes.ReservationNotActive, (await reservation.CommitAsync(GrainTestHost.Clerk)).Failure?.Code);
    }

    [Fact]
    public async Task Repeating_a_create_returns_the_first_result_and_different_lines_conflict()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10);
        var reservation = host.Reservation("cart-3");

        var first = await reservation.CreateAsync(Lines(("W1", "A", 4)), GrainTestHost.Clerk);
        var repeat = await reservation.CreateAsync(Lines(("W1", "A", 4)), GrainTestHost.Clerk);
        var different = await reservation.CreateAsync(Lines(("W1", "A", 5)), GrainTestHost.Clerk);

        Assert.Equal(first.Value.ExpiresAt, repeat.Value.ExpiresAt);
        Assert.Equal(ErrorCodes.ReservationConflict, different.Failure?.Code);
        Assert.Equal(4m, (await host.Position("W1", "A").GetAsync()).Reserved);
    }

    [Fact]
    public async Task Unknown_reservations_and_bad_requests_are_refused_with_stable_codes()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10);

        Assert.Equal(ErrorCodes.ReservationNotFound, (await host.Reservation("nope").CommitAsync(GrainTestHost.Clerk)).Failure?.Code);
        Assert.Equal(ErrorCodes.InvalidQuantity, (await host.Reservation("bad").CreateAsync(Lines(("W1", "A", -1)), GrainTestHost.Clerk)).Failure?.Code);
        Assert.Equal(ErrorCodes.ValidationFailed, (await host.Reservation("empty").CreateAsync(Lines(), GrainTestHost.Clerk)).Failure?.Code);
        Assert.Equal(ErrorCodes.InvalidExpiry,
            (await host.Reservation("ttl").CreateAsync(Lines(("W1", "A", 1)) with { Ttl = TimeSpan.Zero }, GrainTestHost.Clerk)).Failure?.Code);
        Assert.Equal(0m, (await host.Position("W1", "A").GetAsync()).Reserved);
    }

    [Fact]
    public async Task An_expired_reservation_cannot_be_committed_and_its_lines_return_to_stock()
    {
        var clock = FakeClock.New();
        await using var host = await GrainTestHost.StartAsync(reservations: o => o.CommitGrace = TimeSpan.FromMilliseconds(100),
            services: s => s.UseFakeClock(clock));
        await host.ReceiveAsync("W1", "A", 10);
        var reservation = host.Reservation("cart-4");
        await reservation.CreateAsync(Lines(("W1", "A", 4)) with { Ttl = TimeSpan.FromSeconds(1) }, GrainTestHost.Clerk);

        clock.Advance(TimeSpan.FromSeconds(1.5));

        Assert.Equal(ErrorCodes.ReservationNotActive, (await reservation.CommitAsync(GrainTestHost.Clerk)).Failure?.Code);
        Assert.Equal("expired", (await reservation.GetAsync())!.Status);
        Assert.Equal(10m, (await host.Position("W1", "A").GetAsync()).Available);
    }

    [Fact]
    public async Task Extending_an_active_reservation_moves_the_expiry_of_every_line()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10);
        var reservation = host.Reservation("cart-5");
        var created = await reservation.CreateAsync(Lines(("W1", "A", 4)) with { Ttl = TimeSpan.FromMinutes(1) }, GrainTestHost.Clerk);

        var extended = await reservation.ExtendAsync(TimeSpan.FromMinutes(30), GrainTestHost.Clerk);

        Assert.True(extended.Value.ExpiresAt > created.Value.ExpiresAt.AddMinutes(25));
        var snapshot = await host.Position("W1", "A").GetSnapshotAsync();
        Assert.True(snapshot.Reservations.Single().ExpiresAt >= extended.Value.ExpiresAt);
    }

    [Fact]
    public async Task Concurrent_checkouts_across_two_positions_never_oversell_either()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 100);
        await host.ReceiveAsync("W2", "B", 60);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            host.Reservation($"c{i}").CreateAsync(Lines(("W1", "A", 1), ("W2", "B", 1)), GrainTestHost.Clerk))));

        // Which carts win depends on interleaving (a cart may briefly hold A and then give it back because B ran
        // out), but the held stock must equal the successful carts on both positions, within what exists.
        var held = results.Count(r => r.IsSuccess);
        Assert.InRange(held, 1, 60);
        Assert.Equal(held, (await host.Position("W1", "A").GetAsync()).Reserved);
        Assert.Equal(held, (await host.Position("W2", "B").GetAsync()).Reserved);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorCodes.InsufficientStock, r.Failure!.Code));
    }

    [Fact]
    public async Task A_single_line_checkout_stores_its_active_record_in_the_same_position_commit_as_its_line()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10);
        var savesBefore = host.PositionStore.SaveCount;

        var created = await host.Reservation("one").CreateAsync(Lines(("W1", "A", 4)), GrainTestHost.Clerk);

        Assert.Equal("active", created.Value.Status);
        Assert.Equal(savesBefore + 1, host.PositionStore.SaveCount);
        var stored = await host.ReservationStore.LoadAsync("one");
        Assert.Equal(ReservationStatusValue.Active, stored?.Record.Status);
        Assert.Equal(1, stored?.Version);
        Assert.True((await host.Reservation("one").CommitAsync(GrainTestHost.Clerk)).IsSuccess);
        Assert.Equal(ReservationStatusValue.Committed, (await host.ReservationStore.LoadAsync("one"))?.Record.Status);
    }

    [Fact]
    public async Task A_multi_line_checkout_is_stored_pending_beside_its_lines_and_then_written_active()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10);
        await host.ReceiveAsync("W2", "B", 10);

        var created = await host.Reservation("two").CreateAsync(Lines(("W1", "A", 1), ("W2", "B", 2)), GrainTestHost.Clerk);

        Assert.Equal("active", created.Value.Status);
        var stored = await host.ReservationStore.LoadAsync("two"); // written before the answer
        Assert.Equal(ReservationStatusValue.Active, stored?.Record.Status);
        Assert.Equal(1, stored?.Version); // pending beside its lines, then written once as active
    }

    [Fact]
    public async Task A_refused_checkout_under_a_generated_id_stores_nothing_and_under_a_callers_id_stores_the_refusal()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 3);
        await host.ReceiveAsync("W2", "B", 3);

        var generated = await host.Reservation("generated").CreateAsync(Lines(("W1", "A", 5)) with { NewId = true }, GrainTestHost.Clerk);
        var generatedCart = await host.Reservation("generated-cart").CreateAsync(
            Lines(("W1", "A", 5), ("W2", "B", 5)) with { NewId = true }, GrainTestHost.Clerk);
        var named = await host.Reservation("named").CreateAsync(Lines(("W1", "A", 5)), GrainTestHost.Clerk);
        var again = await host.Reservation("named").CreateAsync(Lines(("W1", "A", 5)), GrainTestHost.Clerk);

        Assert.Equal(ErrorCodes.InsufficientStock, generated.Failure?.Code);
        Assert.Equal(ErrorCodes.InsufficientStock, generatedCart.Failure?.Code);
        Assert.Null(await host.ReservationStore.LoadAsync("generated"));
        Assert.Null(await host.ReservationStore.LoadAsync("generated-cart"));
        Assert.Equal(ErrorCodes.InsufficientStock, named.Failure?.Code);
        var stored = await host.ReservationStore.LoadAsync("named");
        Assert.Equal(ReservationStatusValue.Failed, stored?.Record.Status);
        Assert.Equal([new LineShortage("W1", "A", 5, 3)], stored?.Record.Shortages);
        Assert.Equal(ErrorCodes.InsufficientStock, again.Failure?.Code);
        Assert.Equal(3m, (await host.Position("W1", "A").GetAsync()).Available);
    }

    [Fact]
    public async Task A_cart_whose_first_line_was_held_and_stored_is_refused_with_its_record_failed()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10);
        await host.ReceiveAsync("W2", "B", 1);

        var refused = await host.Reservation("cart").CreateAsync(Lines(("W1", "A", 2), ("W2", "B", 2)) with { NewId = true }, GrainTestHost.Clerk);

        // A's commit stored the record as pending beside its line before B was refused: the refusal is recorded, and A is given back.
        Assert.Equal(ErrorCodes.InsufficientStock, refused.Failure?.Code);
        Assert.Equal(ReservationStatusValue.Failed, (await host.ReservationStore.LoadAsync("cart"))?.Record.Status);
        Assert.Equal(0m, (await host.Position("W1", "A").GetAsync()).Reserved);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_line_that_cannot_be_persisted_leaves_no_held_line_and_no_live_record(bool cart)
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10);
        await host.ReceiveAsync("W2", "B", 10);
        var request = cart ? Lines(("W1", "A", 2), ("W2", "B", 2)) : Lines(("W2", "B", 2));

        host.PositionStore.FailSave = key => key.Sku == "B" ? new InvalidOperationException("database unreachable") : null;
        var failed = await Record.ExceptionAsync(() => host.Reservation("lost").CreateAsync(request, GrainTestHost.Clerk));
        host.PositionStore.FailSave = null;

        Assert.NotNull(failed);
        Assert.Equal(0m, (await host.Position("W1", "A").GetAsync()).Reserved);
        Assert.Equal(0m, (await host.Position("W2", "B").GetAsync()).Reserved);
        var stored = await host.ReservationStore.LoadAsync("lost");
        if (cart)
            Assert.Equal(ReservationStatusValue.Failed, stored?.Record.Status); // A stored it pending; the failure is recorded
        else
            Assert.Null(stored); // the line and its record were one write, and it did not happen
        Assert.NotEqual("active", (await host.Reservation("lost").GetAsync())?.Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cart_whose_record_cannot_be_written_active_fails_and_gives_its_lines_back(bool generatedId)
    {
        var records = new InMemoryReservationStore();
        var flaky = new FailFirstActiveWrite(records);
        await using var host = await GrainTestHost.StartAsync(services: s =>
        {
            s.AddSingleton<IReservationStore>(flaky);
            s.AddSingleton<IStockPositionStore>(new InMemoryStockPositionStore(records));
        });
        await host.ReceiveAsync("W1", "A", 10);
        await host.ReceiveAsync("W2", "B", 10);
        var request = Lines(("W1", "A", 2), ("W2", "B", 3));

        // Both lines are held, then the write that makes the record active fails: the caller gets the error, so the
        // lines must not stay held (recovery would otherwise roll the pending record forward to active).
        var failed = await Record.ExceptionAsync(() => generatedId
            ? host.Services.GetRequiredService<ReservationFactory>().CreateFreshAsync("cart", request, GrainTestHost.Clerk)
            : host.Reservation("cart").CreateAsync(request, GrainTestHost.Clerk));

        Assert.NotNull(failed);
        Assert.Equal(1, flaky.ActiveWrites); // tried once, not retried
        Assert.Equal(ReservationStatusValue.Failed, (await records.LoadAsync("cart"))?.Record.Status);
        Assert.Equal(0m, (await host.Position("W1", "A").GetAsync()).Reserved);
        Assert.Equal(0m, (await host.Position("W2", "B").GetAsync()).Reserved);
    }

    /// <summary>Fails the first write of an active record, once; everything else goes to the in-memory store.</summary>
    private sealed class FailFirstActiveWrite(InMemoryReservationStore inner) : IReservationStore
    {
        public int ActiveWrites;

        public Task<(ReservationRecord Record, long Version)?> LoadAsync(string reservationId, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(reservationId, cancellationToken);

        public Task<long> SaveAsync(ReservationRecord record, long expectedVersion, CancellationToken cancellationToken = default) =>
            record.Status == ReservationStatusValue.Active && Interlocked.Increment(ref ActiveWrites) == 1
                ? Task.FromException<long>(new InvalidOperationException("database unreachable"))
                : inner.SaveAsync(record, expectedVersion, cancellationToken);

        public Task<IReadOnlyList<string>> ListIdsAsync(IReadOnlyCollection<ReservationStatusValue> statuses, DateTimeOffset? expiresBefore = null,
            CancellationToken cancellationToken = default) => inner.ListIdsAsync(statuses, expiresBefore, cancellationToken);
    }

    [Fact]
    public async Task A_reservation_actor_leaves_memory_after_create_and_commit_and_the_next_call_finds_the_record()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10);
        await host.ReceiveAsync("W2", "B", 10);

        Assert.True((await host.Reservation("flood-1").CreateAsync(Lines(("W1", "A", 2), ("W2", "B", 1)), GrainTestHost.Clerk)).IsSuccess);
        var refused = await host.Reservation("flood-2").CreateAsync(Lines(("W1", "A", 50)) with { NewId = true }, GrainTestHost.Clerk);
        Assert.Equal(ErrorCodes.InsufficientStock, refused.Failure?.Code);
        await Eventually.TrueAsync(async () => (await host.Grains.ActiveKeysAsync<IReservationGrain>()).Count == 0, "both reservation actors have left memory");
        // The cart's "active" was written when its actor left; the next call loads it.
        Assert.Equal("active", (await host.Reservation("flood-1").GetAsync())?.Status);
        Assert.Equal("committed", (await host.Reservation("flood-1").CommitAsync(GrainTestHost.Clerk)).Value.Status);
        Assert.Equal(ReservationStatusValue.Committed, (await host.ReservationStore.LoadAsync("flood-1"))?.Record.Status);
    }
}
