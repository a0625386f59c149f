using Inventory.TestSupport;
namespace Inventory.Server.Tests.StockOperations;

/// <summary>
/// Corrections worth more than the approval limit (1,000 by default) wait for a manager or admin; only the approved
/// one moves stock, and the ledger row says who asked (user, role) and who approved (approvedBy, approvedRole).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ApprovalFlowTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string Wh = "AP-MAIN";
    private const string Sku = "AP-DRILL";
    private TestServer Server => fixture.Server;

    public async Task InitializeAsync()
    {
        await Setup.Warehouse(Server, Wh);
        await Setup.Product(Server, Sku);
        await Setup.Receive(Server, Wh, Sku, 100, 50m); // 100 drills @ 50.00
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_large_adjustment_waits_is_approved_by_a_manager_and_only_then_moves_stock()
    {
        var clerk = Server.As("warehouse_staff", "wendy");
        var path = $"/api/v1/stock/{Wh}/{Sku}";
        var before = (await Setup.Position(Server, Wh, Sku)).Decimal("onHand");

        // 30 x 50.00 = 1,500.00 > 1,000: waits
        var pending = await clerk.Post(path + "/adjustments", new { delta = -30, reason = "damage", reference = "flood" });
        pending.Ok(202);
        var id = pending.String("approvalId")!;
        Assert.Equal(("pending", 1500.00m, 1000m, -30m, "wendy"), (pending.String("status"), pending.Decimal("value"), pending.Decimal("limit"),
            pending.Decimal("change"), pending.String("requestedBy")));
        Assert.Equal($"/api/v1/approvals/{id}", pending.Headers["Location"]);
        Assert.Equal(before, (await Setup.Position(Server, Wh, Sku)).Decimal("onHand"));
        // 20 x 50.00 = 1,000.00 is not above the limit: applies at once
        (await clerk.Post(path + "/adjustments", new { delta = -20, reason = "damage" })).Ok();

        // staff cannot approve at all; a manager may not approve what he asked for himself
        (await clerk.Post($"/api/v1/approvals/{id}/approve", new { })).Problem(403, "FORBIDDEN");
        var managerRequest = (await Server.As("manager", "max").Post(path + "/adjustments", new { delta = 25, reason = "found", unitCost = 50m })).Ok(202);
        (await Server.As("manager", "max").Post($"/api/v1/approvals/{managerRequest.String("approvalId")}/approve", new { })).Problem(403, "SELF_APPROVAL");

        var listed = (await Server.As("viewer").Get($"/api/v1/approvals?status=pending&warehouse={Wh}")).Ok()["items"];
        Assert.Contains(listed.EnumerateArray(), a => a.GetProperty("approvalId").GetString() == id);

        var approved = (await Server.As("manager", "maria").Post($"/api/v1/approvals/{id}/approve", new { note = "photos checked" })).Ok();
        Assert.Equal(("approved", "maria", 1500.00m), (approved.String("status"), approved.String("decidedBy"), approved.Decimal("costOfGoods")));
        Assert.Equal(before - 50m, (await Setup.Position(Server, Wh, Sku)).Decimal("onHand"));
        // approving again answers the same; nothing moves twice
        (await Server.As("manager", "maria").Post($"/api/v1/approvals/{id}/approve", new { })).Ok();
        Assert.Equal(before - 50m, (await Setup.Position(Server, Wh, Sku)).Decimal("onHand"));

        var entry = (await Server.As("viewer").Get(path + "/ledger?limit=1000")).Ok()["entries"].EnumerateArray()
            .Single(e => e.GetProperty("requestId").GetString() == "approval:" + id);
        Assert.Equal(("wendy", "warehouse_staff", "maria", "manager", -30m, "damage"),
            (entry.GetProperty("user").GetString(), entry.GetProperty("role").GetString(), entry.GetProperty("approvedBy").GetString(),
             entry.GetProperty("approvedRole").GetString(), entry.GetProperty("quantity").GetDecimal(), entry.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task A_rejected_correction_moves_nothing_and_cannot_be_approved_later()
    {
        var path = $"/api/v1/stock/{Wh}/{Sku}";
        var onHand = (await Setup.Position(Server, Wh, Sku)).Decimal("onHand");

        var pending = (await Server.As("warehouse_staff", "walt").Post(path + "/counts", new { counted = onHand - 40 })).Ok(202);
        Assert.Equal(("count", -40m), (pending.String("kind"), pending.Decimal("change")));
        var rejected = (await Server.As("admin", "ada").Post($"/api/v1/approvals/{pending.String("approvalId")}/reject", new { note = "count again" })).Ok();

        Assert.Equal(("rejected", "ada", "count again"), (rejected.String("status"), rejected.String("decidedBy"), rejected.String("note")));
        (await Server.As("manager", "maria").Post($"/api/v1/approvals/{pending.String("approvalId")}/approve", new { })).Problem(409, "APPROVAL_NOT_PENDING");
        Assert.Equal(onHand, (await Setup.Position(Server, Wh, Sku)).Decimal("onHand"));
        (await Server.As("viewer").Get("/api/v1/approvals/a-missing")).Problem(404, "APPROVAL_NOT_FOUND");
    }

    [Fact]
    public async Task An_approved_count_posts_the_difference_it_saw_even_after_later_movements()
    {
        const string wh = "AP-COUNT";
        await Setup.Warehouse(Server, wh);
        await Setup.Receive(Server, wh, Sku, 40, 50m);
        var path = $"/api/v1/stock/{wh}/{Sku}";

        var pending = (await Server.As("warehouse_staff", "wendy").Post(path + "/counts", new { counted = 10, expectedOnHand = 40 })).Ok(202);
        await Setup.Receive(Server, wh, Sku, 5, 50m); // arrives before the manager decides
        (await Server.As("manager", "maria").Post($"/api/v1/approvals/{pending.String("approvalId")}/approve", new { })).Ok();

        // 40 counted as 10 (-30), then +5: 15, not the 10 counted
        Assert.Equal(15m, (await Setup.Position(Server, wh, Sku)).Decimal("onHand"));
    }
}
