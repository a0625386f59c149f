using Inventory.Domain.Reservations;
using static Inventory.Domain.Reservations.ReservationStatusValue;

namespace Inventory.Domain.Tests.Reservations;

/// <summary>The cart's rules without any grain: merging, all or nothing, the state machine, replays, recovery.</summary>
public class CartTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Lines_for_the_same_position_are_merged_and_ordered_by_warehouse_then_sku()
    {
        var lines = Cart.Lines(
        [
            new("W2", "B", 1m), new("W1", "B", 3m), new("W1", "A", 2m), new("W1", "B", 3m),
        ]).Value;

        Assert.Equal(
            [new ReservationLine("W1", "A", 2m), new ReservationLine("W1", "B", 6m), new ReservationLine("W2", "B", 1m)],
            lines);
    }

    [Theory]
    [InlineData(0, "VALIDATION_FAILED")]
    [InlineData(101, "VALIDATION_FAILED")]
    public void A_cart_needs_between_one_and_a_hundred_lines(int count, string code)
    {
        var requested = Enumerable.Range(0, count).Select(i => new ReservationLineRequest("W", $"S{i}", 1m)).ToList();
        Assert.Equal(code, Cart.Lines(requested).Failure?.Code);
        Assert.True(Cart.Lines([.. Enumerable.Range(0, 100).Select(i => new ReservationLineRequest("W", $"S{i}", 1m))]).IsSuccess);
        Assert.Equal(ErrorCodes.ValidationFailed, Cart.Lines(null).Failure?.Code);
    }

    [Theory]
    [InlineData("", "S", 1, "VALIDATION_FAILED")]
    [InlineData("W", " ", 1, "VALIDATION_FAILED")]
    [InlineData("W", "S", 0, "INVALID_QUANTITY")]
    [InlineData("W", "S", -2, "INVALID_QUANTITY")]
    public void A_line_without_a_position_or_with_a_quantity_not_above_zero_is_refused(string warehouse, string sku, int quantity, string code) =>
        Assert.Equal(code, Cart.Lines([new("W", "OK", 1m), new(warehouse, sku, quantity)]).Failure?.Code);

    [Fact]
    public void One_line_is_stored_active_and_a_cart_pending()
    {
        Assert.Equal(Active, Cart.FirstState(1));
        Assert.Equal(Pending, Cart.FirstState(2));
        Assert.Equal(Pending, Cart.FirstState(100));
    }

    [Fact]
    public void All_or_nothing_every_short_line_is_listed_with_what_was_available()
    {
        ReservationLine[] lines = [new("W", "A", 5m), new("W", "B", 2m), new("W", "C", 9m)];
        var outcome = Cart.Outcome(lines,
        [
            Failure.InsufficientStock(new PositionKey("W", "A"), 3m, 5m), null, Failure.InsufficientStock(new PositionKey("W", "C"), 0m, 9m),
        ]);

        Assert.False(outcome.AllHeld);
        Assert.Equal(1, outcome.Held);
        Assert.Equal([new LineShortage("W", "A", 5m, 3m), new LineShortage("W", "C", 9m, 0m)], outcome.Shortages);
        Assert.Equal(ErrorCodes.InsufficientStock, outcome.Refusal!.Code);
        Assert.Same(outcome.Shortages, outcome.Refusal.Details!["lines"]);
    }

    [Fact]
    public void A_failure_other_than_a_shortage_is_the_refusal_and_every_line_held_is_no_refusal()
    {
        ReservationLine[] lines = [new("W", "A", 1m), new("W", "B", 1m)];
        var notFound = Failure.ReservationNotFound("r");
        var mixed = Cart.Outcome(lines, [Failure.InsufficientStock(new PositionKey("W", "A"), 0m, 1m), notFound]);
        Assert.Same(notFound, mixed.Refusal);

        var held = Cart.Outcome(lines, [null, null]);
        Assert.True(held.AllHeld);
        Assert.Null(held.Refusal);
        Assert.Empty(held.Shortages);
        Assert.Throws<ArgumentException>(() => Cart.Outcome(lines, [null]));
    }

    [Fact]
    public void A_repeat_with_the_same_lines_answers_as_the_first_and_with_other_lines_conflicts()
    {
        ReservationLine[] lines = [new("W", "A", 2m)];
        var active = Record(Active, lines);
        Assert.Same(active, Cart.Replay(active, [new("W", "A", 2m)]).Value);
        Assert.Equal(ErrorCodes.ReservationConflict, Cart.Replay(active, [new("W", "A", 3m)]).Failure?.Code);
        Assert.Equal(ErrorCodes.ReservationConflict, Cart.Replay(active, [new("W", "A", 2m), new("W", "B", 1m)]).Failure?.Code);

        var refused = Record(Failed, lines) with { Shortages = [new LineShortage("W", "A", 2m, 1m)] };
        var again = Cart.Replay(refused, lines).Failure!;
        Assert.Equal(ErrorCodes.InsufficientStock, again.Code);
        Assert.Equal(ErrorCodes.ReservationNotActive, Cart.Replay(Record(Failed, lines), lines).Failure?.Code);
    }

    /// <summary>
    /// Every state against every change, before and after the expiry, worked out by hand: an "-ing" state is the
    /// decision; done = answer again; expired = record the expiry and refuse; refused = not active; nothing = no change.
    /// </summary>
    public static TheoryData<ReservationStatusValue, CartChange, bool, string> Transitions()
    {
        var table = new TheoryData<ReservationStatusValue, CartChange, bool, string>();
        void Row(ReservationStatusValue status, CartChange change, string beforeExpiry, string afterExpiry)
        {
            table.Add(status, change, false, beforeExpiry);
            table.Add(status, change, true, afterExpiry);
        }

        Row(Active, CartChange.Commit, "Committing", "expired");
        Row(Active, CartChange.Release, "Releasing", "expired");
        Row(Active, CartChange.Extend, "Extending", "expired");
        Row(Active, CartChange.ExpireNow, "Expiring", "Expiring");
        Row(Active, CartChange.GiveUp, "Failing", "Failing");
        Row(Pending, CartChange.GiveUp, "Failing", "Failing");
        Row(Committed, CartChange.Commit, "done", "done");
        Row(Released, CartChange.Release, "done", "done");
        Row(Expired, CartChange.ExpireNow, "done", "done");
        foreach (var status in Enum.GetValues<ReservationStatusValue>())
        {
            foreach (var change in Enum.GetValues<CartChange>())
            {
                if (table.Any(row => (ReservationStatusValue)row[0] == status && (CartChange)row[1] == change)) continue;
                var answer = change == CartChange.GiveUp ? "nothing" : "refused";
                Row(status, change, answer, answer);
            }
        }
        return table;
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Each_change_in_each_state_does_what_the_table_says(ReservationStatusValue status, CartChange change, bool expired, string expected)
    {
        var expiresAt = expired ? Now : Now.AddMinutes(1);
        var decision = Cart.Decide(status, expiresAt, change, Now);
        var actual = decision.Kind switch
        {
            CartDecisionKind.Start => decision.Deciding.ToString(),
            CartDecisionKind.AlreadyDone => "done",
            CartDecisionKind.ExpiredAlready => "expired",
            CartDecisionKind.NotActive => "refused",
            CartDecisionKind.Nothing => "nothing",
            _ => throw new InvalidOperationException(),
        };
        Assert.Equal(expected, actual);
        Assert.Equal(expected is "Committing" or "Releasing" or "Extending" or "Expiring" or "Failing", decision.Kind == CartDecisionKind.Start);
    }

    [Fact]
    public void Every_decision_settles_in_the_state_it_was_heading_for()
    {
        Assert.Equal(Committed, Cart.SettlesIn(Committing));
        Assert.Equal(Released, Cart.SettlesIn(Releasing));
        Assert.Equal(Expired, Cart.SettlesIn(Expiring));
        Assert.Equal(Active, Cart.SettlesIn(Extending));
        Assert.Equal(Failed, Cart.SettlesIn(Failing));
        foreach (var status in new[] { Pending, Active, Committed, Released, Expired, Failed })
        {
            Assert.False(Cart.IsDeciding(status));
            Assert.Throws<ArgumentOutOfRangeException>(() => Cart.SettlesIn(status));
        }
        foreach (var status in new[] { Committing, Releasing, Expiring, Extending, Failing })
            Assert.True(Cart.IsDeciding(status));
    }

    [Fact]
    public void A_pending_cart_rolls_forward_when_every_line_is_held_and_back_otherwise()
    {
        Assert.Equal(Active, Cart.RecoverPending(everyLineHeld: true));
        Assert.Equal(Failed, Cart.RecoverPending(everyLineHeld: false));
    }

    private static ReservationRecord Record(ReservationStatusValue status, IReadOnlyList<ReservationLine> lines) =>
        new("r-1", status, lines, Now.AddMinutes(15), Now, Now, null, "alice");
}
