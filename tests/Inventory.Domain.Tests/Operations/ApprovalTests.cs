using static Inventory.Domain.Tests.TestData;

namespace Inventory.Domain.Tests.Operations;

/// <summary>Corrections worth more than the approval limit move stock only with an approver, never the requester.</summary>
public class ApprovalTests
{
    private static readonly Actor Manager = new("maria", "manager");
    private static readonly Approval Limit100 = new(Limit: 100m);

    [Fact]
    public void A_correction_above_the_limit_is_refused_with_its_value_and_changes_nothing()
    {
        var position = NewPosition();
        position.Receive(40, 5.00m);
        var before = SnapshotJson(position);

        // 30 x 5.00 = 150.00 > 100
        var refused = Fails(position.Adjust(-30, AdjustmentReason.Damage, Clerk, T0, approval: Limit100), ErrorCodes.ApprovalRequired);

        Assert.Equal((150.00m, 100m), ((decimal)refused.Details!["value"]!, (decimal)refused.Details["limit"]!));
        Assert.Equal(before, SnapshotJson(position));
        // at or below the limit it applies at once: 20 x 5.00 = 100.00
        Assert.Null(Assert.Single(Ok(position.Adjust(-20, AdjustmentReason.Damage, Clerk, T0, approval: Limit100)).Entries).ApprovedBy);
    }

    [Fact]
    public void An_approved_correction_moves_stock_and_the_ledger_says_who_asked_and_who_approved()
    {
        var position = NewPosition();
        position.Receive(40, 5.00m);

        var moved = Ok(position.Adjust(-30, AdjustmentReason.Damage, Clerk, T0, requestId: "approval:1",
            approval: Limit100 with { ApprovedBy = Manager }));

        var entry = Assert.Single(moved.Entries);
        Assert.Equal((Clerk.User, Clerk.Role, Manager.User, Manager.Role), (entry.User, entry.Role, entry.ApprovedBy, entry.ApprovedRole));
        Assert.Equal(10m, position.OnHand);
        Assert.True(Ok(position.Adjust(-30, AdjustmentReason.Damage, Clerk, T0, requestId: "approval:1",
            approval: Limit100 with { ApprovedBy = Manager })).Replayed);
    }

    [Fact]
    public void Nobody_approves_their_own_correction()
    {
        var position = NewPosition();
        position.Receive(40, 5.00m);

        Fails(position.Adjust(-30, AdjustmentReason.Damage, Manager, T0, approval: Limit100 with { ApprovedBy = Manager }), ErrorCodes.SelfApproval);
    }

    [Fact]
    public void Counts_write_offs_and_found_stock_are_corrections_too()
    {
        var position = NewPosition();
        position.Receive(40, 5.00m);
        Ok(position.Receive(new ReceiveStock(30, 5.00m, "OLD", new DateOnly(2026, 1, 1)), Clerk, T0));

        Fails(position.SetCount(10, null, Clerk, T0, approval: Limit100), ErrorCodes.ApprovalRequired);     // -60 x 5.00
        Fails(position.Adjust(21, AdjustmentReason.Found, Clerk, T0, unitCost: 5m, approval: Limit100), ErrorCodes.ApprovalRequired); // 105
        Fails(position.WriteOff(25, AdjustmentReason.Theft, StockStatus.Available, Clerk, T0, approval: Limit100), ErrorCodes.ApprovalRequired);
        Fails(position.WriteOffExpired(Clerk, T0, approval: Limit100), ErrorCodes.ApprovalRequired); // 30 x 5.00
        Ok(position.WriteOffExpired(Clerk, T0, approval: Limit100 with { ApprovedBy = Manager }));
        Assert.Equal(40m, position.OnHand);
    }

    [Fact]
    public void A_count_waiting_for_approval_posts_the_difference_it_observed_not_the_figure()
    {
        var position = NewPosition();
        position.Receive(40, 5.00m);
        var count = new StockCorrection(CorrectionKind.Count, 10); // 30 missing: 30 x 5.00 = 150.00 > 100

        var refused = Fails(position.Correct(count, Clerk, T0, Limit100), ErrorCodes.ApprovalRequired);
        var change = (decimal)refused.Details!["change"]!;
        position.Receive(5, 5.00m); // a receipt arrives before the manager decides
        var approved = Ok(position.Correct(count.ToApply(change) with { RequestId = "approval:7" }, Clerk, T0,
            Limit100 with { ApprovedBy = Manager }));

        // the 30 missing at the count are posted; the 5 received since stay: 40 - 30 + 5 = 15
        Assert.Equal(-30m, change);
        Assert.Equal(15m, position.OnHand);
        Assert.Equal(("count", -30m, "maria"), (approved.Entries[0].Reason, approved.Entries[0].Quantity, approved.Entries[0].ApprovedBy));
    }
}
