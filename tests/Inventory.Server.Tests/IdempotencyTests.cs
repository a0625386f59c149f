using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;
namespace Inventory.Server.Tests;

/// <summary>Idempotency-Key: the first response is replayed, a different request is 422, concurrent duplicates apply once.</summary>
[Collection(ServerCollection.Name)]
public sealed class IdempotencyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task ARepeatGetsTheFirstResponseAndAppliesOnce()
    {
        await Setup.Stocked(Server, "ID-MAIN", "ID-SKU", 0);
        var staff = Server.As("warehouse_staff");
        var body = new { quantity = 5, unitCost = 2 };

        var first = (await staff.Post("/api/v1/stock/ID-MAIN/ID-SKU/receipts", body, idempotencyKey: "receipt-1")).Ok();
        var second = (await staff.Post("/api/v1/stock/ID-MAIN/ID-SKU/receipts", body, idempotencyKey: "receipt-1")).Ok();

        Assert.Equal(first.Text, second.Text);
        Assert.False(first.Headers.ContainsKey("Idempotent-Replayed"));
        Assert.Equal("true", second.Headers["Idempotent-Replayed"]);
        Assert.Equal(5m, (await Setup.Position(Server, "ID-MAIN", "ID-SKU")).Decimal("onHand"));

        // The key belongs to the user: another user with the same key makes a request of its own.
        (await Server.As("warehouse_staff", "someone-else").Post("/api/v1/stock/ID-MAIN/ID-SKU/receipts", body, idempotencyKey: "receipt-1")).Ok();
        Assert.Equal(10m, (await Setup.Position(Server, "ID-MAIN", "ID-SKU")).Decimal("onHand"));
    }

    [Fact]
    public async Task TheSameKeyWithADifferentRequestIsRefused()
    {
        await Setup.Stocked(Server, "ID-REUSE", "ID-SKU", 0);
        var staff = Server.As("warehouse_staff");
        (await staff.Post("/api/v1/stock/ID-REUSE/ID-SKU/receipts", new { quantity = 5, unitCost = 2 }, idempotencyKey: "reuse-1")).Ok();

        (await staff.Post("/api/v1/stock/ID-REUSE/ID-SKU/receipts", new { quantity = 6, unitCost = 2 }, idempotencyKey: "reuse-1"))
            .Problem(422, "IDEMPOTENCY_KEY_REUSED");
        (await staff.Post("/api/v1/stock/ID-REUSE/ID-SKU/returns", new { quantity = 5 }, idempotencyKey: "reuse-1"))
            .Problem(422, "IDEMPOTENCY_KEY_REUSED");
        Assert.Equal(5m, (await Setup.Position(Server, "ID-REUSE", "ID-SKU")).Decimal("onHand"));
        (await staff.Post("/api/v1/stock/ID-REUSE/ID-SKU/receipts", new { quantity = 6, unitCost = 2 }, idempotencyKey: new string('k', 201)))
            .Problem(400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task AFailedFirstResponseIsReplayedToo()
    {
        await Setup.Stocked(Server, "ID-FAIL", "ID-SKU", 1);
        var sales = Server.As("sales_staff");
        var body = new { lines = new[] { new { sku = "ID-SKU", warehouse = "ID-FAIL", quantity = 2 } } };

        var first = await sales.Post("/api/v1/reservations", body, idempotencyKey: "short-1");
        first.Problem(409, "INSUFFICIENT_STOCK");
        await Setup.Receive(Server, "ID-FAIL", "ID-SKU", 5, 1);
        var repeat = await sales.Post("/api/v1/reservations", body, idempotencyKey: "short-1");

        repeat.Problem(409, "INSUFFICIENT_STOCK");
        Assert.Equal(first.Text, repeat.Text);
    }

    [Fact]
    public async Task ConcurrentDuplicatesApplyOnce()
    {
        await Setup.Stocked(Server, "ID-RACE", "ID-SKU", 100);
        var sales = Server.As("sales_staff");
        var staff = Server.As("warehouse_staff");
        var reservation = new { lines = new[] { new { sku = "ID-SKU", warehouse = "ID-RACE", quantity = 3 } } };

        var reservations = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => sales.Post("/api/v1/reservations", reservation, idempotencyKey: "race-reserve")));
        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            staff.Post("/api/v1/stock/ID-RACE/ID-SKU/receipts", new { quantity = 7, unitCost = 1 }, idempotencyKey: "race-receive")));

        Assert.All(reservations, r => r.Ok(201));
        Assert.Single(reservations.Select(r => r.String("reservationId")).Distinct());
        Assert.Single(reservations.Select(r => r.Headers["Location"]).Distinct());
        Assert.All(receipts, r => r.Ok());
        var position = await Setup.Position(Server, "ID-RACE", "ID-SKU");
        Assert.Equal((107m, 3m), (position.Decimal("onHand"), position.Decimal("reserved")));
        var ledger = (await Server.As("viewer").Get("/api/v1/stock/ID-RACE/ID-SKU/ledger")).Ok();
        Assert.Equal(3, ledger["entries"].GetArrayLength()); // received 100, reserved 3, received 7
    }

    [Fact]
    public async Task ADuplicateWaitsWhileTheFirstRunsAndThenGetsItsResponse()
    {
        // The first request with the key is still running: its claim is in the store, its response is not.
        const string path = "/api/v1/stock/ID-WAIT/ID-SKU/receipts";
        var body = """{"quantity":1,"unitCost":1}"""u8.ToArray();
        var store = Server.Services.GetRequiredService<Inventory.Storage.Postgres.Idempotency.IdempotencyStore>();
        var hash = Inventory.Server.Infrastructure.Idempotency.IdempotencyMiddleware.Hash("POST", path, body);
        Assert.True((await store.ClaimAsync("warehouse_staff-user", "wait-1", hash)).Claimed);

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", "wait-1");
        var staff = Server.As("warehouse_staff");
        var waitsBefore = Waits();
        var duplicate = staff.SendAsync(request);
        // The duplicate has read the unfinished claim and waits (with a 1-read wait it would answer 409 IN_PROGRESS).
        await Eventually.TrueAsync(() => Waits() > waitsBefore, "the duplicate waits for the first request");

        await store.CompleteAsync("warehouse_staff-user", "wait-1", 201, """{"from":"the first"}""", "application/json", null);
        using var response = await duplicate;
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("""{"from":"the first"}""", await response.Content.ReadAsStringAsync());
        // Replayed, not run: run, it would have answered 404 (there is no warehouse ID-WAIT); without the wait, 409 IN_PROGRESS.
        Assert.Equal("true", response.Headers.GetValues("Idempotent-Replayed").Single());

        int Waits() => Server.Logs.GetSnapshot().Count(r => r.Id.Id == Inventory.Server.Infrastructure.Idempotency.IdempotencyMiddleware.WaitingEventId);
    }

    [Fact]
    public async Task AReservationIdIsDerivedFromTheKey()
    {
        await Setup.Stocked(Server, "ID-DERIVE", "ID-SKU", 10);
        var sales = Server.As("sales_staff");
        var body = new { lines = new[] { new { sku = "ID-SKU", warehouse = "ID-DERIVE", quantity = 1 } } };

        var keyed = (await sales.Post("/api/v1/reservations", body, idempotencyKey: "derive-1")).Ok(201).String("reservationId")!;
        var unkeyedA = (await sales.Post("/api/v1/reservations", body)).Ok(201).String("reservationId")!;
        var unkeyedB = (await sales.Post("/api/v1/reservations", body)).Ok(201).String("reservationId")!;

        Assert.StartsWith("r-", keyed);
        Assert.NotEqual(unkeyedA, unkeyedB);
        Assert.Equal(3m, (await Setup.Position(Server, "ID-DERIVE", "ID-SKU")).Decimal("reserved"));
    }
}
