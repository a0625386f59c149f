using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests;

public class ExpireReservationTests
{
    [Fact]
    public void Expiring_a_reservation_early_returns_its_stock_and_folds_like_any_expiry()
    {
        var ledger = new List<LedgerEntry>();
        var position = NewPosition();
        ledger.Record(position.Receive(10, 2m));
        ledger.Record(position.Reserve("r1", 4));
        var admin = new Actor("root", "admin");

        var movement = Ok(position.ExpireReservation("r1", admin, T0.AddMinutes(5)));

        Assert.Equal((10m, 0m, 10m), (position.OnHand, position.Reserved, position.Available));
        var entry = movement.Entries.Single();
        Assert.Equal((LedgerEntryType.Expired, 4m, "r1", "root", "admin"), (entry.Type, entry.Quantity, entry.ReservationId, entry.User, entry.Role));
        Assert.Equal(ReservationStatus.Expired, position.FindReservation("r1")!.Status);
        ledger.Record(movement);
        Assert.Empty(StockPosition.Fold(Key, ledger).DifferencesFrom(position));
    }

    [Fact]
    public void Expiring_again_is_a_replay_and_other_states_are_refused()
    {
        var position = NewPosition();
        position.Receive(10, 2m);
        position.Reserve("r1", 4);
        position.Issue("r2", 1);
        Ok(position.ExpireReservation("r1", Clerk, T0));

        Assert.True(Ok(position.ExpireReservation("r1", Clerk, T0)).Replayed);
        Fails(position.ExpireReservation("r2", Clerk, T0), ErrorCodes.ReservationNotActive);
        Fails(position.ExpireReservation("nope", Clerk, T0), ErrorCodes.ReservationNotFound);
        Assert.Equal(9m, position.Available);
    }
}
