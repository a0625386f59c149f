using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests;

/// <summary>Every refusal leaves the position byte-for-byte as it was (compared as snapshot JSON).</summary>
public class FailureChangesNothingTests
{
    private static readonly DateTimeOffset Now = T0.AddMinutes(30);

    // 10 on hand in two layers; "active" holds 3 until T0+1h, "due" holds 2 until T0+20min (past due at Now
    // but not yet expired), "done" is committed, "gone" released, "old" expired; "req-1" is a remembered receipt.
    private static StockPosition Prepared()
    {
        var position = NewPosition();
        position.Receive(6, 2.00m, requestId: "req-1");
        position.Receive(4, 3.00m);
        Ok(position.Reserve("active", 3, T0.AddHours(1), Clerk, T0));
        Ok(position.Reserve("due", 2, T0.AddMinutes(20), Clerk, T0));
        position.Issue("done", 1);
        position.Reserve("gone", 1);
        Ok(position.Release("gone", Clerk, T0));
        Ok(position.Reserve("old", 1, T0.AddMinutes(5), Clerk, T0));
        position.ExpireDue(Clerk, T0.AddMinutes(10));
        // on hand 9, reserved 5 (active 3 + due 2), available 4
        return position;
    }

    private static readonly Dictionary<string, (string Code, Func<StockPosition, Result<Movement>> Act)> Cases = new()
    {
        ["receive zero"] = (ErrorCodes.InvalidQuantity, p => p.Receive(new ReceiveStock(0, 1m), Clerk, Now)),
        ["receive negative cost"] = (ErrorCodes.InvalidUnitCost, p => p.Receive(new ReceiveStock(1, -1m), Clerk, Now)),
        ["receive blank request id"] = (ErrorCodes.ValidationFailed, p => p.Receive(new ReceiveStock(1, 1m, RequestId: ""), Clerk, Now)),
        ["receive reused request id"] = (ErrorCodes.RequestConflict, p => p.Receive(new ReceiveStock(7, 2.00m, RequestId: "req-1"), Clerk, Now)),
        ["reserve too much"] = (ErrorCodes.InsufficientStock, p => p.Reserve("new", 5, T0.AddHours(2), Clerk, Now)),
        ["reserve zero"] = (ErrorCodes.InvalidQuantity, p => p.Reserve("new", 0, T0.AddHours(2), Clerk, Now)),
        ["reserve past expiry"] = (ErrorCodes.InvalidExpiry, p => p.Reserve("new", 1, Now, Clerk, Now)),
        ["reserve blank id"] = (ErrorCodes.ValidationFailed, p => p.Reserve(" ", 1, T0.AddHours(2), Clerk, Now)),
        ["reserve conflicting quantity"] = (ErrorCodes.ReservationConflict, p => p.Reserve("active", 4, T0.AddHours(2), Clerk, Now)),
        ["extend unknown"] = (ErrorCodes.ReservationNotFound, p => p.ExtendReservation("nope", T0.AddHours(2), Clerk, Now)),
        ["extend committed"] = (ErrorCodes.ReservationNotActive, p => p.ExtendReservation("done", T0.AddHours(2), Clerk, Now)),
        ["extend due"] = (ErrorCodes.ReservationNotActive, p => p.ExtendReservation("due", T0.AddHours(2), Clerk, Now)),
        ["extend into the past"] = (ErrorCodes.InvalidExpiry, p => p.ExtendReservation("active", T0, Clerk, Now)),
        ["commit unknown"] = (ErrorCodes.ReservationNotFound, p => p.Commit("nope", Clerk, Now)),
        ["commit released"] = (ErrorCodes.ReservationNotActive, p => p.Commit("gone", Clerk, Now)),
        ["commit expired"] = (ErrorCodes.ReservationNotActive, p => p.Commit("old", Clerk, Now)),
        ["commit due"] = (ErrorCodes.ReservationNotActive, p => p.Commit("due", Clerk, Now)),
        ["release unknown"] = (ErrorCodes.ReservationNotFound, p => p.Release("nope", Clerk, Now)),
        ["release committed"] = (ErrorCodes.ReservationNotActive, p => p.Release("done", Clerk, Now)),
        ["release expired"] = (ErrorCodes.ReservationNotActive, p => p.Release("old", Clerk, Now)),
        ["adjust zero"] = (ErrorCodes.InvalidQuantity, p => p.Adjust(0, AdjustmentReason.Count, Clerk, Now)),
        ["adjust below available"] = (ErrorCodes.InsufficientStock, p => p.Adjust(-5, AdjustmentReason.Damage, Clerk, Now)),
        ["adjust unknown reason"] = (ErrorCodes.InvalidReason, p => p.Adjust(1, (AdjustmentReason)99, Clerk, Now)),
        ["adjust negative cost"] = (ErrorCodes.InvalidUnitCost, p => p.Adjust(1, AdjustmentReason.Found, Clerk, Now, unitCost: -1m)),
        ["adjust reused request id"] = (ErrorCodes.RequestConflict, p => p.Adjust(1, AdjustmentReason.Found, Clerk, Now, requestId: "req-1")),
        ["count negative"] = (ErrorCodes.InvalidQuantity, p => p.SetCount(-1, null, Clerk, Now)),
        ["count mismatch"] = (ErrorCodes.CountMismatch, p => p.SetCount(3, 10, Clerk, Now)),
        ["count below reserved"] = (ErrorCodes.InsufficientStock, p => p.SetCount(4, 9, Clerk, Now)),
        ["return zero"] = (ErrorCodes.InvalidQuantity, p => p.Return(0, null, Clerk, Now)),
        ["return negative cost"] = (ErrorCodes.InvalidUnitCost, p => p.Return(1, -0.5m, Clerk, Now)),
        ["return reused request id"] = (ErrorCodes.RequestConflict, p => p.Return(1, null, Clerk, Now, requestId: "req-1")),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_refused_command_changes_nothing(string name)
    {
        var (code, act) = Cases[name];
        var position = Prepared();
        var before = SnapshotJson(position);

        Fails(act(position), code);

        Assert.Equal(before, SnapshotJson(position));
    }

    [Fact]
    public void The_prepared_position_is_what_the_cases_assume()
    {
        var position = Prepared();

        Assert.Equal((9m, 5m), (position.OnHand, position.Reserved));
        Assert.Equal(
            ["active:Active", "done:Committed", "due:Active", "gone:Released", "old:Expired"],
            position.Reservations.Select(r => $"{r.Id}:{r.Status}").Order(StringComparer.Ordinal));
    }
}
