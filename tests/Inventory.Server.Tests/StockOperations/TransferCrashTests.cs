using System.Security.Cryptography;
using Inventory.TestSupport;
using Npgsql;

namespace Inventory.Server.Tests.StockOperations;

/// <summary>
/// A transfer interrupted by a crash is finished exactly once by the next process. The crash is made real at the
/// point that matters — between two steps, after one was committed — with a database trigger that fails the next
/// write; the service is then stopped (its memory is gone), the trigger dropped, and a new service started on the
/// same database: its start-up sweep rolls the transfer forward.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class TransferCrashTests(PostgresFixture postgres)
{
    private const string Sku = "TC-BOLT";

    [Fact]
    public async Task A_crash_between_ship_and_receive_is_finished_by_the_next_process_and_counts_once()
    {
        var connectionString = await postgres.Server.EnsureDatabaseAsync("transfer_crash_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        var first = await TestServer.StartAsync(connectionString);
        string id;
        try
        {
            await Prepare(first);
            // The destination's ledger refuses writes: the shipment commits, the receipt fails mid-transfer.
            await Sql(connectionString, """
                create function fail_tc_b() returns trigger language plpgsql as $$
                begin raise exception 'simulated crash before the receipt at TC-B'; end; $$;
                create trigger fail_tc_b before insert on stock_ledger for each row when (new.warehouse = 'TC-B') execute function fail_tc_b();
                """);
            id = "tc-" + Guid.NewGuid().ToString("N")[..8];
            var interrupted = await first.As("warehouse_staff").Post("/api/v1/transfers", new { transferId = id, from = "TC-A", to = "TC-B", sku = Sku, quantity = 10 });
            Assert.Equal(503, interrupted.Code);
            Assert.Equal("receiving", (await first.As("viewer").Get($"/api/v1/transfers/{id}")).Ok().String("status"));
            Assert.Equal(5m, (await Setup.Position(first, "TC-A", Sku)).Decimal("onHand"));
        }
        finally
        {
            await first.DisposeAsync(); // the process is gone
        }

        await Sql(connectionString, "drop trigger fail_tc_b on stock_ledger; drop function fail_tc_b();");
        await using var second = await TestServer.StartAsync(connectionString);

        var finished = await Eventually.ValueAsync(async () => (await second.As("viewer").Get($"/api/v1/transfers/{id}")).Ok() is var t && t.String("status") == "completed" ? t : null,
            "the transfer is completed");
        Assert.Equal((10m, 0m, 20.00m), (finished.Decimal("receivedQuantity"), finished.Decimal("inTransitQuantity"), finished.Decimal("costOfGoods")));
        Assert.Equal(5m, (await Setup.Position(second, "TC-A", Sku)).Decimal("onHand"));
        Assert.Equal(10m, (await Setup.Position(second, "TC-B", Sku)).Decimal("onHand"));
        Assert.Equal((1L, 1L), (await Count(connectionString, "TC-A", "transfer_shipped"), await Count(connectionString, "TC-B", "transfer_received")));
        // asking again (a client retry) changes nothing
        (await second.As("warehouse_staff").Post("/api/v1/transfers", new { transferId = id, from = "TC-A", to = "TC-B", sku = Sku, quantity = 10 })).Ok(201);
        Assert.Equal(10m, (await Setup.Position(second, "TC-B", Sku)).Decimal("onHand"));
        Assert.True((await second.As("admin").Post("/api/v1/admin/reconcile", new { })).Ok()["consistent"].GetBoolean());
    }

    [Fact]
    public async Task A_crash_after_the_shipment_committed_but_before_it_was_recorded_ships_once()
    {
        var connectionString = await postgres.Server.EnsureDatabaseAsync("transfer_crash_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        var first = await TestServer.StartAsync(connectionString);
        string id;
        try
        {
            await Prepare(first);
            // The transfer record cannot leave 'pending': the source's ledger has the shipment, the record does not know it.
            await Sql(connectionString, """
                create function fail_transfer_update() returns trigger language plpgsql as $$
                begin raise exception 'simulated crash after the shipment'; end; $$;
                create trigger fail_transfer_update before update on transfers for each row when (new.status <> 'pending') execute function fail_transfer_update();
                """);
            id = "tc-" + Guid.NewGuid().ToString("N")[..8];
            Assert.Equal(503, (await first.As("warehouse_staff").Post("/api/v1/transfers",
                new { transferId = id, from = "TC-A", to = "TC-B", sku = Sku, quantity = 10, autoReceive = false })).Code);
            Assert.Equal("pending", (await first.As("viewer").Get($"/api/v1/transfers/{id}")).Ok().String("status"));
            Assert.Equal(1L, await Count(connectionString, "TC-A", "transfer_shipped"));
        }
        finally
        {
            await first.DisposeAsync();
        }

        await Sql(connectionString, "drop trigger fail_transfer_update on transfers; drop function fail_transfer_update();");
        await using var second = await TestServer.StartAsync(connectionString);

        // Recovery repeats the shipment with the same request id: the source answers with the first shipment's goods.
        var recovered = await Eventually.ValueAsync(async () => (await second.As("viewer").Get($"/api/v1/transfers/{id}")).Ok() is var t && t.String("status") == "in_transit" ? t : null,
            "the transfer is in transit again");
        Assert.Equal((10m, 20.00m), (recovered.Decimal("inTransitQuantity"), recovered.Decimal("inTransitValue")));
        Assert.Equal(1L, await Count(connectionString, "TC-A", "transfer_shipped"));
        Assert.Equal(5m, (await Setup.Position(second, "TC-A", Sku)).Decimal("onHand"));

        (await second.As("warehouse_staff").Post($"/api/v1/transfers/{id}/receipts", new { quantity = 10 })).Ok();
        Assert.Equal(10m, (await Setup.Position(second, "TC-B", Sku)).Decimal("onHand"));
    }

    private static async Task Prepare(TestServer server)
    {
        await Setup.Warehouse(server, "TC-A");
        await Setup.Warehouse(server, "TC-B");
        await Setup.Product(server, Sku);
        await Setup.Receive(server, "TC-A", Sku, 15, 2m);
    }

    private static async Task Sql(string connectionString, string sql)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Count(string connectionString, string warehouse, string type)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand("SELECT count(*) FROM stock_ledger WHERE warehouse = $1 AND sku = $2 AND type = $3");
        command.Parameters.Add(new() { Value = warehouse });
        command.Parameters.Add(new() { Value = Sku });
        command.Parameters.Add(new() { Value = type });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
