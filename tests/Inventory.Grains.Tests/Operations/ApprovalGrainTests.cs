using Inventory.Domain;
using Inventory.Grains.Approvals;

namespace Inventory.Grains.Tests.Operations;

public sealed class ApprovalGrainTests
{
    private static readonly Actor Clerk = OperationsHost.Clerk;
    private static readonly Actor Manager = OperationsHost.Manager;

    private static ApprovalSubmission WriteOff(decimal quantity) =>
        new("A", "S", new StockCorrection(CorrectionKind.WriteOff, quantity, AdjustmentReason.Theft), quantity * 10m, 100m, -quantity);

    [Fact]
    public async Task Only_an_approved_correction_moves_stock_and_the_ledger_names_both_people()
    {
        await using var host = await OperationsHost.StartAsync();
        await host.ReceiveAsync("A", "S", 30, 10m);
        var approval = host.Approval("a1");

        Assert.Equal("pending", (await approval.SubmitAsync(WriteOff(20), Clerk)).Value.Status);
        Assert.Equal(30m, (await host.Position("A", "S").GetAsync()).OnHand);
        Assert.Equal(ErrorCodes.SelfApproval, (await approval.ApproveAsync(Clerk, null)).Failure?.Code);
        var approved = (await approval.ApproveAsync(Manager, "ok")).Value;

        Assert.Equal(("approved", 200m), (approved.Status, approved.CostOfGoods));
        Assert.Equal(10m, (await host.Position("A", "S").GetAsync()).OnHand);
        var entry = Assert.Single(await host.LedgerAsync("A", "S"), e => e.Type == LedgerEntryType.WrittenOff);
        Assert.Equal(("clerk", "maria", "manager", "approval:a1"), (entry.User, entry.ApprovedBy, entry.ApprovedRole, entry.RequestId));
        Assert.Equal(ApprovalErrorCodes.ApprovalNotPending, (await approval.RejectAsync(Manager, null)).Failure?.Code);
    }

    [Fact]
    public async Task An_approval_the_position_now_refuses_stays_pending_with_the_refusal()
    {
        await using var host = await OperationsHost.StartAsync();
        await host.ReceiveAsync("A", "S", 30, 10m);
        var approval = host.Approval("a2");
        await approval.SubmitAsync(WriteOff(20), Clerk);
        await host.Position("A", "S").ReserveAsync("r", 25, DateTimeOffset.UtcNow.AddHours(1), Clerk, null);

        var refused = await approval.ApproveAsync(Manager, null);

        Assert.Equal(ErrorCodes.InsufficientStock, refused.Failure?.Code);
        var view = (await approval.GetAsync())!;
        Assert.Equal(("pending", ErrorCodes.InsufficientStock), (view.Status, view.LastFailureCode));
        await host.Position("A", "S").ReleaseAsync("r", Clerk);
        Assert.Equal("approved", (await approval.ApproveAsync(Manager, null)).Value.Status);
    }

    [Fact]
    public async Task An_approval_interrupted_at_the_position_is_finished_by_the_sweep_once()
    {
        await using var host = await OperationsHost.StartAsync();
        await host.ReceiveAsync("A", "S", 30, 10m);
        var approval = host.Approval("a3");
        await approval.SubmitAsync(WriteOff(20), Clerk);
        host.PositionStore.FailSave = _ => new InvalidOperationException("database lost");

        await Assert.ThrowsAnyAsync<Exception>(() => approval.ApproveAsync(Manager, null));
        Assert.Equal("approving", (await approval.GetAsync())!.Status);

        host.PositionStore.FailSave = null;
        Assert.Equal(1, await host.SweepAsync());
        Assert.Equal("approved", (await approval.GetAsync())!.Status);
        Assert.Equal(10m, (await host.Position("A", "S").GetAsync()).OnHand);
        Assert.Single(await host.LedgerAsync("A", "S"), e => e.Type == LedgerEntryType.WrittenOff);
    }
}
