using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests;

public class LedgerTests
{
    // A bit of everything, returning the position and every entry it produced.
    private static (StockPosition Position, List<LedgerEntry> Ledger) Busy(CostingMethod method)
    {
        var position = NewPosition(method);
        var ledger = new List<LedgerEntry>();
        ledger.Record(position.Receive(10, 4.00m, requestId: "po-1"));
        ledger.Record(Ok(position.Receive(new ReceiveStock(5, 5.00m, "LOT-A", new DateOnly(2027, 6, 1)), Clerk, T0)));
        ledger.Record(Ok(position.Reserve("a", 6, T0.AddHours(1), Clerk, T0)));
        ledger.Record(Ok(position.Reserve("b", 2, T0.AddMinutes(5), Clerk, T0)));
        ledger.Record(Ok(position.ExtendReservation("a", T0.AddHours(2), Clerk, T0)));
        ledger.Record(Ok(position.Commit("a", Clerk, T0.AddMinutes(1))));
        ledger.Record(position.ExpireDue(Clerk, T0.AddMinutes(10)));
        ledger.Record(Ok(position.Reserve("c", 1, T0.AddHours(1), Clerk, T0)));
        ledger.Record(Ok(position.Release("c", Clerk, T0)));
        ledger.Record(Ok(position.Adjust(-2, AdjustmentReason.Damage, Clerk, T0, requestId: "adj-1")));
        ledger.Record(Ok(position.Adjust(1, AdjustmentReason.Found, Clerk, T0, unitCost: 7m)));
        ledger.Record(Ok(position.SetCount(9, 8, Clerk, T0, requestId: "count-1")));
        ledger.Record(Ok(position.Return(1, null, Clerk, T0, requestId: "rma-1")));
        ledger.Record(Ok(position.Reserve("d", 3, T0.AddHours(4), Clerk, T0)));
        return (position, ledger);
    }

    [Theory]
    [InlineData(CostingMethod.Fifo)]
    [InlineData(CostingMethod.Lifo)]
    [InlineData(CostingMethod.Average)]
    public void Folding_the_ledger_reproduces_the_state(CostingMethod method)
    {
        var (position, ledger) = Busy(method);

        var folded = StockPosition.Fold(Key, ledger, method, position.Policy);

        Assert.Empty(folded.DifferencesFrom(position));
        Assert.Equal(SnapshotJson(position), SnapshotJson(folded));
        Assert.Equal(position.Value(), folded.Value());
    }

    [Fact]
    public void Fold_does_not_depend_on_the_costing_method_it_is_given()
    {
        // Draws are decided when the entry is made; the fold replays them, so configuration cannot rewrite history.
        var (position, ledger) = Busy(CostingMethod.Lifo);

        var folded = StockPosition.Fold(Key, ledger, CostingMethod.Fifo);

        Assert.Empty(folded.DifferencesFrom(position));
    }

    [Fact]
    public void Entries_are_numbered_consecutively_and_say_who_and_when()
    {
        var (_, ledger) = Busy(CostingMethod.Fifo);

        Assert.Equal(Enumerable.Range(1, ledger.Count).Select(i => (long)i), ledger.Select(e => e.Sequence));
        Assert.All(ledger, e => Assert.Equal((Key, "alice", "clerk"), (e.Position, e.User, e.Role)));
        Assert.All(ledger.Where(e => e.Type != LedgerEntryType.Expired), e => Assert.True(e.At <= T0.AddMinutes(1)));
    }

    [Fact]
    public void Entries_carry_the_levels_after_them()
    {
        var (_, ledger) = Busy(CostingMethod.Fifo);
        var replay = new StockPosition(Key);

        foreach (var entry in ledger)
        {
            replay.Apply(entry);
            Assert.Equal((entry.OnHandAfter, entry.ReservedAfter), (replay.OnHand, replay.Reserved));
        }
    }

    [Fact]
    public void Apply_refuses_an_entry_out_of_sequence_and_changes_nothing()
    {
        var (_, ledger) = Busy(CostingMethod.Fifo);
        var position = new StockPosition(Key);
        position.Apply(ledger[0]);
        var before = SnapshotJson(position);

        Assert.Throws<InvalidOperationException>(() => position.Apply(ledger[2]));
        Assert.Throws<InvalidOperationException>(() => position.Apply(ledger[0]));
        Assert.Equal(before, SnapshotJson(position));
    }

    [Fact]
    public void Apply_refuses_an_entry_of_another_position()
    {
        var (_, ledger) = Busy(CostingMethod.Fifo);
        var other = new StockPosition(new PositionKey("WH2", "SKU-1"));

        Assert.Throws<InvalidOperationException>(() => other.Apply(ledger[0]));
        Assert.Equal(0, other.Sequence);
    }

    [Fact]
    public void Apply_refuses_an_entry_whose_levels_do_not_follow_and_changes_nothing()
    {
        var (_, ledger) = Busy(CostingMethod.Fifo);
        var position = new StockPosition(Key);
        var before = SnapshotJson(position);

        Assert.Throws<InvalidOperationException>(() => position.Apply(ledger[0] with { OnHandAfter = 11 }));
        Assert.Equal(before, SnapshotJson(position));
    }

    [Fact]
    public void Apply_refuses_a_draw_from_a_layer_that_does_not_exist_and_changes_nothing()
    {
        var source = NewPosition();
        var ledger = new List<LedgerEntry>();
        ledger.Record(source.Receive(1, 1m));
        ledger.Record(Ok(source.Reserve("x", 1, T0.AddHours(1), Clerk, T0)));
        var target = StockPosition.Fold(Key, ledger);
        var before = SnapshotJson(target);
        var tampered = Ok(source.Commit("x", Clerk, T0)).Entries.Single() with { Draws = [new LayerDraw(99, 1, 1m)] };

        Assert.Throws<InvalidOperationException>(() => target.Apply(tampered));
        Assert.Equal(before, SnapshotJson(target));
    }

    [Fact]
    public void Differences_are_listed_in_readable_lines()
    {
        var mine = NewPosition();
        mine.Receive(10, 2.00m);
        var theirs = NewPosition();
        theirs.Receive(9, 2.00m);
        Ok(theirs.Reserve("r1", 1, T0.AddHours(1), Clerk, T0));

        var differences = mine.DifferencesFrom(theirs);

        Assert.Contains("onHand: 10 vs 9", differences);
        Assert.Contains("sequence: 1 vs 2", differences);
        Assert.Contains("reserved: 0 vs 1", differences);
        Assert.Contains(differences, d => d.StartsWith("layers[0]: ", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("reservation 'r1': none vs ", StringComparison.Ordinal));
        Assert.Empty(mine.DifferencesFrom(mine));
    }
}
