using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests;

public class ReservationTests
{
    private static StockPosition PositionWith(decimal onHand, bool allowNegative = false)
    {
        var position = NewPosition(allowNegative: allowNegative);
        position.Receive(onHand, 2.00m);
        return position;
    }

    [Fact]
    public void Reserving_holds_stock_and_lowers_available_but_not_on_hand()
    {
        var position = PositionWith(10);

        var movement = Ok(position.Reserve("r1", 4, T0.AddHours(1), Clerk, T0, reference: "ORDER-1"));

        Assert.Equal((10m, 4m, 6m), (position.OnHand, position.Reserved, position.Available));
        Assert.Equal((10m, 4m, false), (movement.OnHand, movement.Reserved, movement.Replayed));
        var entry = movement.Entries.Single();
        Assert.Equal(LedgerEntryType.Reserved, entry.Type);
        Assert.Equal((2L, 4m, 10m, 4m), (entry.Sequence, entry.Quantity, entry.OnHandAfter, entry.ReservedAfter));
        Assert.Equal(("r1", T0.AddHours(1), "ORDER-1"), (entry.ReservationId, entry.ExpiresAt, entry.Reference));
        Assert.Equal(("alice", "clerk", T0), (entry.User, entry.Role, entry.At));
        Assert.Equal(new PositionReservation("r1", 4, T0.AddHours(1), ReservationStatus.Active, T0, null, "ORDER-1"),
            position.FindReservation("r1"));
    }

    [Fact]
    public void Reserving_more_than_available_fails_with_available_and_requested()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 7);

        var failure = Fails(position.Reserve("r2", 4, T0.AddHours(1), Clerk, T0), ErrorCodes.InsufficientStock);

        Assert.Equal(3m, failure.Details!["available"]);
        Assert.Equal(4m, failure.Details["requested"]);
        Assert.Equal(7, position.Reserved);
    }

    [Fact]
    public void Reserving_exactly_what_is_available_succeeds()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 7);

        Ok(position.Reserve("r2", 3, T0.AddHours(1), Clerk, T0));

        Assert.Equal(0, position.Available);
    }

    [Fact]
    public void Negative_policy_lets_reservations_exceed_on_hand()
    {
        var position = PositionWith(2, allowNegative: true);

        Ok(position.Reserve("r1", 5, T0.AddHours(1), Clerk, T0));

        Assert.Equal(-3, position.Available);
    }

    [Fact]
    public void Same_reservation_id_and_quantity_is_replayed_without_entries()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 4);

        var replay = Ok(position.Reserve("r1", 4, T0.AddHours(3), Clerk, T0.AddMinutes(1)));

        Assert.True(replay.Replayed);
        Assert.Empty(replay.Entries);
        Assert.Equal((10m, 4m), (replay.OnHand, replay.Reserved));
        Assert.Equal(4, position.Reserved);
        Assert.Equal(2, position.Sequence);
    }

    [Fact]
    public void Same_reservation_id_is_replayed_even_after_it_was_committed()
    {
        var position = PositionWith(10);
        position.Issue("r1", 4);

        var replay = Ok(position.Reserve("r1", 4, T0.AddHours(1), Clerk, T0));

        Assert.True(replay.Replayed);
        Assert.Equal((6m, 0m), (replay.OnHand, replay.Reserved));
    }

    [Fact]
    public void Same_reservation_id_with_another_quantity_conflicts()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 4);

        var failure = Fails(position.Reserve("r1", 5, T0.AddHours(1), Clerk, T0), ErrorCodes.ReservationConflict);

        Assert.Equal(4m, failure.Details!["existingQuantity"]);
        Assert.Equal(5m, failure.Details["requestedQuantity"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void Reservation_expiring_at_or_before_now_is_refused(int minutesFromNow)
    {
        var position = PositionWith(10);

        Fails(position.Reserve("r1", 1, T0.AddMinutes(minutesFromNow), Clerk, T0), ErrorCodes.InvalidExpiry);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Reservation_without_an_id_is_refused(string? id)
    {
        var position = PositionWith(10);

        Fails(position.Reserve(id!, 1, T0.AddHours(1), Clerk, T0), ErrorCodes.ValidationFailed);
        Fails(position.Commit(id!, Clerk, T0), ErrorCodes.ValidationFailed);
        Fails(position.Release(id!, Clerk, T0), ErrorCodes.ValidationFailed);
        Fails(position.ExtendReservation(id!, T0.AddHours(2), Clerk, T0), ErrorCodes.ValidationFailed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Reservation_of_a_non_positive_quantity_is_refused(int quantity)
    {
        Fails(PositionWith(10).Reserve("r1", quantity, T0.AddHours(1), Clerk, T0), ErrorCodes.InvalidQuantity);
    }

    [Fact]
    public void Extending_moves_the_expiry_and_records_it()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 4);

        var movement = Ok(position.ExtendReservation("r1", T0.AddHours(5), Clerk, T0.AddMinutes(30)));

        var entry = movement.Entries.Single();
        Assert.Equal((LedgerEntryType.ReservationExtended, T0.AddHours(5), "r1"), (entry.Type, entry.ExpiresAt, entry.ReservationId));
        Assert.Equal(T0.AddHours(5), position.FindReservation("r1")!.ExpiresAt);
        Assert.Equal(T0.AddHours(5), position.NextExpiry);
        Assert.Equal(4, position.Reserved);
        // the old expiry has no effect any more
        Assert.Empty(position.ExpireDue(Clerk, T0.AddHours(2)).Entries);
    }

    [Fact]
    public void Extending_an_unknown_reservation_is_not_found()
    {
        Fails(PositionWith(10).ExtendReservation("nope", T0.AddHours(2), Clerk, T0), ErrorCodes.ReservationNotFound);
    }

    [Fact]
    public void Extending_a_committed_reservation_is_refused()
    {
        var position = PositionWith(10);
        position.Issue("r1", 4);

        var failure = Fails(position.ExtendReservation("r1", T0.AddHours(2), Clerk, T0), ErrorCodes.ReservationNotActive);

        Assert.Equal("committed", failure.Details!["status"]);
    }

    [Fact]
    public void Extending_a_reservation_past_its_expiry_is_refused_as_expired()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 4); // expires T0 + 1h

        var failure = Fails(position.ExtendReservation("r1", T0.AddHours(3), Clerk, T0.AddHours(1)), ErrorCodes.ReservationNotActive);

        Assert.Equal("expired", failure.Details!["status"]);
    }

    [Fact]
    public void Extending_to_a_time_not_after_now_is_refused()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 4);

        Fails(position.ExtendReservation("r1", T0.AddMinutes(10), Clerk, T0.AddMinutes(10)), ErrorCodes.InvalidExpiry);
    }

    [Fact]
    public void Committing_takes_stock_out_and_marks_the_reservation_committed_with_its_cost()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 4);

        var movement = Ok(position.Commit("r1", Clerk, T0.AddMinutes(5)));

        Assert.Equal((6m, 0m, 8.00m), (movement.OnHand, movement.Reserved, movement.CostOfGoods));
        Assert.Equal((6m, 0m), (position.OnHand, position.Reserved));
        var reservation = position.FindReservation("r1")!;
        Assert.Equal((ReservationStatus.Committed, 8.00m), (reservation.Status, reservation.CostOfGoods));
        Assert.Null(position.NextExpiry);
    }

    [Fact]
    public void Committing_again_is_replayed_with_the_first_cost_of_goods()
    {
        var position = PositionWith(10);
        position.Issue("r1", 4);
        position.Receive(10, 9.00m); // later stock must not change the replayed cost

        var replay = Ok(position.Commit("r1", Clerk, T0));

        Assert.True(replay.Replayed);
        Assert.Empty(replay.Entries);
        Assert.Equal((8.00m, 16m, 0m), (replay.CostOfGoods, replay.OnHand, replay.Reserved));
    }

    [Fact]
    public void Committing_an_unknown_reservation_is_not_found()
    {
        Fails(PositionWith(10).Commit("nope", Clerk, T0), ErrorCodes.ReservationNotFound);
    }

    [Fact]
    public void Committing_a_released_reservation_is_refused()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 4);
        Ok(position.Release("r1", Clerk, T0));

        var failure = Fails(position.Commit("r1", Clerk, T0), ErrorCodes.ReservationNotActive);

        Assert.Equal("released", failure.Details!["status"]);
    }

    [Fact]
    public void Committing_after_the_expiry_time_is_refused_even_before_expire_due_runs()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 4); // expires T0 + 1h
        var before = SnapshotJson(position);

        var failure = Fails(position.Commit("r1", Clerk, T0.AddHours(1)), ErrorCodes.ReservationNotActive);

        Assert.Equal("expired", failure.Details!["status"]);
        Assert.Equal(before, SnapshotJson(position));
    }

    [Fact]
    public void Committing_an_expired_reservation_is_refused()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 4);
        position.ExpireDue(Clerk, T0.AddHours(2));

        var failure = Fails(position.Commit("r1", Clerk, T0.AddHours(2)), ErrorCodes.ReservationNotActive);

        Assert.Equal("expired", failure.Details!["status"]);
    }

    [Fact]
    public void Releasing_gives_the_stock_back_to_available()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 4);

        var movement = Ok(position.Release("r1", Clerk, T0));

        Assert.Equal(LedgerEntryType.Released, movement.Entries.Single().Type);
        Assert.Equal((10m, 0m, 10m), (position.OnHand, position.Reserved, position.Available));
        Assert.Equal(ReservationStatus.Released, position.FindReservation("r1")!.Status);
    }

    [Fact]
    public void Releasing_again_is_replayed()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 4);
        Ok(position.Release("r1", Clerk, T0));

        var replay = Ok(position.Release("r1", Clerk, T0));

        Assert.True(replay.Replayed);
        Assert.Empty(replay.Entries);
    }

    [Fact]
    public void Releasing_a_committed_or_expired_reservation_is_refused()
    {
        var position = PositionWith(10);
        position.Issue("c", 1);
        position.Reserve("e", 1);
        position.ExpireDue(Clerk, T0.AddHours(1));

        Assert.Equal("committed", Fails(position.Release("c", Clerk, T0), ErrorCodes.ReservationNotActive).Details!["status"]);
        Assert.Equal("expired", Fails(position.Release("e", Clerk, T0), ErrorCodes.ReservationNotActive).Details!["status"]);
        Fails(position.Release("nope", Clerk, T0), ErrorCodes.ReservationNotFound);
    }

    [Fact]
    public void Expire_due_expires_only_due_reservations_ordered_by_expiry_then_id()
    {
        var position = PositionWith(20);
        Ok(position.Reserve("b", 1, T0.AddMinutes(30), Clerk, T0));
        Ok(position.Reserve("a", 2, T0.AddMinutes(30), Clerk, T0));
        Ok(position.Reserve("c", 3, T0.AddMinutes(10), Clerk, T0));
        Ok(position.Reserve("d", 4, T0.AddMinutes(31), Clerk, T0));
        var sequence = position.Sequence;

        var movement = position.ExpireDue(Clerk, T0.AddMinutes(30));

        Assert.Equal(["c", "a", "b"], movement.Entries.Select(e => e.ReservationId));
        Assert.All(movement.Entries, e => Assert.Equal(LedgerEntryType.Expired, e.Type));
        Assert.Equal([sequence + 1, sequence + 2, sequence + 3], movement.Entries.Select(e => e.Sequence));
        // reserved after each entry: 10 - 3 = 7, - 2 = 5, - 1 = 4
        Assert.Equal([7m, 5m, 4m], movement.Entries.Select(e => e.ReservedAfter));
        Assert.Equal((20m, 4m), (movement.OnHand, movement.Reserved));
        Assert.Equal(ReservationStatus.Active, position.FindReservation("d")!.Status);
        Assert.Equal(T0.AddMinutes(31), position.NextExpiry);
    }

    [Fact]
    public void Expire_due_with_nothing_due_appends_nothing()
    {
        var position = PositionWith(10);
        position.Reserve("r1", 4);

        var movement = position.ExpireDue(Clerk, T0.AddMinutes(59));

        Assert.Empty(movement.Entries);
        Assert.Equal(2, position.Sequence);
    }

    [Fact]
    public void Next_expiry_is_the_earliest_active_expiry()
    {
        var position = PositionWith(10);
        Assert.Null(position.NextExpiry);
        Ok(position.Reserve("late", 1, T0.AddHours(3), Clerk, T0));
        Ok(position.Reserve("early", 1, T0.AddHours(2), Clerk, T0));

        Assert.Equal(T0.AddHours(2), position.NextExpiry);
        Ok(position.Release("early", Clerk, T0));
        Assert.Equal(T0.AddHours(3), position.NextExpiry);
    }

    [Fact]
    public void Only_the_most_recent_terminal_reservations_are_remembered()
    {
        var position = PositionWith(10);
        Ok(position.Reserve("held", 1, T0.AddDays(1), Clerk, T0)); // active ones are never forgotten
        for (var i = 0; i <= StockPosition.RememberedCount; i++)
        {
            position.Reserve($"r{i}", 1);
            Ok(position.Release($"r{i}", Clerk, T0));
        }

        // r0 became terminal first and was forgotten when the 1001st terminal one arrived
        Assert.Null(position.FindReservation("r0"));
        Assert.NotNull(position.FindReservation("r1"));
        Assert.NotNull(position.FindReservation("held"));
        Assert.Equal(StockPosition.RememberedCount + 1, position.Reservations.Count);
        Fails(position.Release("r0", Clerk, T0), ErrorCodes.ReservationNotFound);
        // a forgotten id is free again
        Assert.False(Ok(position.Reserve("r0", 2, T0.AddHours(1), Clerk, T0)).Replayed);
    }
}
