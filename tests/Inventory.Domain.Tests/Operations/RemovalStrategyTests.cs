using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests.Operations;

/// <summary>
/// One worked example picked three ways, every figure computed by hand in the comments. Today is 2026-03-01 (T0).
/// Receipts, in this order:
///   layer 1: lot A, 10 @ 2.00, expires 2026-06-30
///   layer 2: lot B, 10 @ 3.00, expires 2026-04-15
///   layer 3: lot C, 10 @ 4.00, expires 2026-05-31
///   layer 4: lot X,  5 @ 1.00, expired 2026-02-27 (before today: never picked)
/// = 35 on hand worth 20 + 30 + 40 + 5 = 95.00; available 35 - 5 expired = 30. Then commit 15.
/// </summary>
public class RemovalStrategyTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);

    private static StockPosition Stocked(CostingMethod method, RemovalStrategy? strategy)
    {
        var position = NewPosition(method);
        position.RemovalStrategy = strategy;
        Receive(position, "A", 10, 2.00m, new DateOnly(2026, 6, 30));
        Receive(position, "B", 10, 3.00m, new DateOnly(2026, 4, 15));
        Receive(position, "C", 10, 4.00m, new DateOnly(2026, 5, 31));
        Receive(position, "X", 5, 1.00m, new DateOnly(2026, 2, 27));
        return position;
    }

    private static void Receive(StockPosition position, string lot, decimal quantity, decimal unitCost, DateOnly expiresOn) =>
        Ok(position.Receive(new ReceiveStock(quantity, unitCost, lot, expiresOn), Clerk, T0));

    private static IEnumerable<(string? Lot, decimal Quantity, decimal UnitCost)> Drawn(Movement movement) =>
        movement.Draws.Select(d => (d.Lot, d.Quantity, d.UnitCost));

    [Fact]
    public void The_default_strategy_follows_the_costing_method()
    {
        Assert.Equal(RemovalStrategy.Fifo, NewPosition(CostingMethod.Fifo).EffectiveRemovalStrategy);
        Assert.Equal(RemovalStrategy.Lifo, NewPosition(CostingMethod.Lifo).EffectiveRemovalStrategy);
        Assert.Equal(RemovalStrategy.Fifo, NewPosition(CostingMethod.Average).EffectiveRemovalStrategy);
    }

    [Fact]
    public void Expired_lots_are_on_hand_but_not_available()
    {
        var position = Stocked(CostingMethod.Fifo, null);

        Assert.Equal((35m, 5m, 30m), (position.OnHand, position.ExpiredOn(Today), position.AvailableOn(Today)));
        // 31 cannot be promised: only 30 is unexpired
        var refused = Fails(position.Reserve("r", 31, T0.AddHours(1), Clerk, T0), ErrorCodes.InsufficientStock);
        Assert.Equal(30m, refused.Details!["available"]);
    }

    [Fact]
    public void Fifo_picks_the_oldest_unexpired_receipt_first()
    {
        var position = Stocked(CostingMethod.Fifo, null);

        var commit = position.Issue("c", 15);

        // all of A (10 x 2.00 = 20.00) + 5 of B (5 x 3.00 = 15.00) = 35.00; X is older than nothing but expired anyway
        Assert.Equal([("A", 10m, 2.00m), ("B", 5m, 3.00m)], Drawn(commit));
        Assert.Equal(35.00m, commit.CostOfGoods);
        // left: B 5, C 10, X 5 (expired) = 20 on hand; value 15 + 40 + 5 = 60.00 = 95 - 35
        Assert.Equal(60.00m, position.Value().Value);
    }

    [Fact]
    public void Lifo_picks_the_newest_unexpired_receipt_first_and_skips_the_newest_when_it_has_expired()
    {
        var position = Stocked(CostingMethod.Lifo, null);

        var commit = position.Issue("c", 15);

        // X is the newest receipt but expired: skipped. All of C (10 x 4.00 = 40.00) + 5 of B (15.00) = 55.00
        Assert.Equal([("C", 10m, 4.00m), ("B", 5m, 3.00m)], Drawn(commit));
        Assert.Equal(55.00m, commit.CostOfGoods);
        Assert.Equal(95.00m - 55.00m, position.Value().Value);
    }

    [Fact]
    public void Fefo_picks_the_first_expiring_unexpired_lot_first_and_charges_those_layers()
    {
        var position = Stocked(CostingMethod.Fifo, RemovalStrategy.Fefo);

        var commit = position.Issue("c", 15);

        // expiry order of the unexpired lots: B (04-15), C (05-31), A (06-30).
        // all of B (10 x 3.00 = 30.00) + 5 of C (5 x 4.00 = 20.00) = 50.00: costing per layer picked
        Assert.Equal([("B", 10m, 3.00m), ("C", 5m, 4.00m)], Drawn(commit));
        Assert.Equal(50.00m, commit.CostOfGoods);
        // left per lot: A 10, C 5, X 5 (expired)
        Assert.Equal([("A", 10m, false), ("C", 5m, false), ("X", 5m, true)],
            position.Lots(Today).Select(l => (l.Lot, l.OnHand, l.Expired)));
    }

    [Fact]
    public void Fefo_under_average_costing_picks_by_expiry_but_charges_the_average()
    {
        var position = Stocked(CostingMethod.Average, RemovalStrategy.Fefo);

        var commit = position.Issue("c", 15);

        // same lots as FEFO (B 10, C 5) but every unit at the average 95 / 35 = 2.7142857...: 15 x 95 / 35 = 40.714...
        Assert.Equal([("B", 10m, position.AverageUnitCost), ("C", 5m, position.AverageUnitCost)], Drawn(commit));
        Assert.Equal(15 * (95m / 35m), commit.CostOfGoods);
        Assert.Equal(40.71m, Math.Round(commit.CostOfGoods, 2));
    }

    [Fact]
    public void Fefo_takes_lots_without_an_expiry_last()
    {
        var position = NewPosition();
        position.RemovalStrategy = RemovalStrategy.Fefo;
        Ok(position.Receive(new ReceiveStock(4, 1.00m), Clerk, T0)); // no lot, no expiry
        Receive(position, "L", 4, 2.00m, new DateOnly(2026, 12, 31));

        var commit = position.Issue("c", 6);

        Assert.Equal([("L", 4m, 2.00m), (null, 2m, 1.00m)], Drawn(commit));
    }

    [Fact]
    public void A_reservation_does_not_count_on_lots_that_expire_before_it_does()
    {
        var position = Stocked(CostingMethod.Fifo, null);

        // until 2026-04-16 lot B (expires 04-15) will be expired: 30 - 10 = 20 can be promised that long
        var until = new DateTimeOffset(2026, 4, 16, 10, 0, 0, TimeSpan.Zero);
        var refused = Fails(position.Reserve("long", 21, until, Clerk, T0), ErrorCodes.InsufficientStock);
        Assert.Equal(20m, refused.Details!["available"]);
        Ok(position.Reserve("long", 20, until, Clerk, T0));
    }

    [Fact]
    public void A_lot_that_expires_while_reserved_is_not_picked_the_commit_is_refused_until_stock_arrives()
    {
        var position = NewPosition();
        Receive(position, "A", 10, 2.00m, new DateOnly(2026, 6, 30));
        Receive(position, "B", 10, 3.00m, new DateOnly(2026, 4, 15));
        Receive(position, "C", 10, 4.00m, new DateOnly(2026, 5, 31));
        Ok(position.Reserve("r", 25, T0.AddHours(1), Clerk, T0));
        // extended past B's expiry (an extension does not re-check lots)
        Ok(position.ExtendReservation("r", new DateTimeOffset(2026, 4, 20, 0, 0, 0, TimeSpan.Zero), Clerk, T0));
        var later = new DateTimeOffset(2026, 4, 17, 9, 0, 0, TimeSpan.Zero);
        var before = SnapshotJson(position);

        // on 04-17 B has expired: A + C = 20 can be picked, 25 are needed
        var refused = Fails(position.Commit("r", Clerk, later), ErrorCodes.LotExpired);
        Assert.Equal((20m, 25m, 10m), ((decimal)refused.Details!["pickable"]!, (decimal)refused.Details["requested"]!, (decimal)refused.Details["expired"]!));
        Assert.Equal(before, SnapshotJson(position));
        // writing B off would leave 20 sellable under 25 reserved: refused until the reservation goes
        Fails(position.WriteOffExpired(Clerk, later), ErrorCodes.InsufficientStock);

        // fresh stock arrives: the commit picks A and C (FIFO) and 5 of the new lot, never B
        Ok(position.Receive(new ReceiveStock(5, 5.00m, "D", new DateOnly(2026, 9, 1)), Clerk, later));
        var commit = Ok(position.Commit("r", Clerk, later));
        Assert.Equal([("A", 10m, 2.00m), ("C", 10m, 4.00m), ("D", 5m, 5.00m)], Drawn(commit));

        // now B goes with an expired movement: written_off, reason expired, 10 x 3.00 = 30.00
        var writeOff = Ok(position.WriteOffExpired(Clerk, later));
        var entry = Assert.Single(writeOff.Entries);
        Assert.Equal((LedgerEntryType.WrittenOff, "expired", 10m, 30.00m, StockStatus.Available),
            (entry.Type, entry.Reason, entry.Quantity, entry.TotalCost, entry.FromStatus));
        Assert.Equal(0m, position.OnHand);
        Assert.True(Ok(position.WriteOffExpired(Clerk, later)).Entries.Count == 0);
    }

    [Fact]
    public void Losses_take_expired_lots_first_then_follow_the_strategy()
    {
        var position = Stocked(CostingMethod.Fifo, RemovalStrategy.Fefo);

        var loss = Ok(position.Adjust(-7, AdjustmentReason.Theft, Clerk, T0));

        // X (expired, 5 x 1.00) first, then FEFO: 2 of B (2 x 3.00) = 11.00
        Assert.Equal([("X", 5m, 1.00m), ("B", 2m, 3.00m)], Drawn(loss));
        Assert.Equal(11.00m, loss.CostOfGoods);
    }

    [Fact]
    public void Changing_the_strategy_never_changes_the_fold()
    {
        var position = NewPosition();
        var ledger = new List<LedgerEntry>();
        ledger.Record(Ok(position.Receive(new ReceiveStock(10, 2.00m, "A", new DateOnly(2026, 6, 30)), Clerk, T0)));
        ledger.Record(Ok(position.Receive(new ReceiveStock(10, 3.00m, "B", new DateOnly(2026, 4, 15)), Clerk, T0)));
        position.RemovalStrategy = RemovalStrategy.Fefo;
        ledger.Record(position.Reserve("c", 5));
        ledger.Record(Ok(position.Commit("c", Clerk, T0)));
        position.RemovalStrategy = RemovalStrategy.Lifo;

        // the draws were decided under FEFO and recorded; folding under any configuration replays them
        var folded = StockPosition.Fold(Key, ledger);

        Assert.Empty(folded.DifferencesFrom(position));
        Assert.Equal([("A", 10m), ("B", 5m)], folded.Layers.Select(l => (l.Lot, l.Quantity)));
    }
}
