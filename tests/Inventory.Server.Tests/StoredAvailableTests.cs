using Inventory.Queries;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Inventory.Server.Tests;

/// <summary>
/// Available is worked out once, by the domain: each commit stores it, queries read it while it holds, and once a lot's
/// expiry has changed it (or for rows stored before it was kept) they work it out from the snapshot with the same code.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class StoredAvailableTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Wh = "SA-MAIN";
    private const string Side = "SA-SIDE";
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task A_commit_stores_available_and_the_day_a_lot_expiry_changes_it()
    {
        await Setup.Warehouse(Server, Wh);
        await Setup.Product(Server, "SA-MILK");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await Server.As("manager").Put($"/api/v1/stock/{Wh}/SA-MILK/policy", new { reorderPoint = 10, safetyStock = 2 })).Ok();
        (await Server.As("admin").Post($"/api/v1/stock/{Wh}/SA-MILK/receipts", new { quantity = 30, unitCost = 1, lot = "A", expiresOn = today.AddDays(1) })).Ok();
        (await Server.As("admin").Post($"/api/v1/stock/{Wh}/SA-MILK/receipts", new { quantity = 5, unitCost = 1, lot = "B", expiresOn = today.AddDays(10) })).Ok();
        (await Server.As("admin").Post("/api/v1/reservations", new { lines = new[] { new { sku = "SA-MILK", warehouse = Wh, quantity = 3 } } })).Ok(201);

        var (available, until) = await StoredAsync("SA-MILK");
        Assert.Equal(30m, available); // 35 on hand - 3 reserved - 2 safety stock
        Assert.Equal(today.AddDays(2), until); // lot A may be picked on its expiry date, not the day after
        Assert.Equal(30m, (await Setup.Position(Server, Wh, "SA-MILK")).Decimal("available"));
    }

    [Fact]
    public async Task Queries_read_the_stored_figure_while_it_holds_and_work_it_out_once_a_lot_has_expired()
    {
        await Setup.Warehouse(Server, Side);
        foreach (var sku in new[] { "SA-FRESH", "SA-EXPIRED", "SA-OLDROW" })
        {
            await Setup.Product(Server, sku);
            (await Server.As("manager").Put($"/api/v1/stock/{Side}/{sku}/policy", new { reorderPoint = 10 })).Ok();
            (await Server.As("admin").Post($"/api/v1/stock/{Side}/{sku}/receipts",
                new { quantity = 20, unitCost = 1, lot = "L1", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30) })).Ok();
        }
        // SA-NOLOT: no lot with an expiry, so its stored figure holds until stock moves (no available_until); low.
        await Setup.Product(Server, "SA-NOLOT");
        (await Server.As("manager").Put($"/api/v1/stock/{Side}/SA-NOLOT/policy", new { reorderPoint = 10 })).Ok();
        (await Server.As("admin").Post($"/api/v1/stock/{Side}/SA-NOLOT/receipts", new { quantity = 4, unitCost = 1 })).Ok();
        var queries = Server.Services.GetRequiredService<StockQueries>();
        Assert.Equal(1, queries.CountGauges().LowStockPositions);

        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        // SA-FRESH: a stored figure that still holds is what queries show (they do not work it out again).
        await ExecuteAsync(db, "UPDATE stock_positions SET available = 7 WHERE sku = 'SA-FRESH'");
        // SA-EXPIRED: its lot expired after the commit (the snapshot's lot date moved into the past, the stored figure
        // outdated since today): worked out from the snapshot, 20 on hand of an expired lot leave nothing available.
        await ExecuteAsync(db, """
            UPDATE stock_positions SET available_until = (now() AT TIME ZONE 'utc')::date,
                snapshot = jsonb_set(snapshot, '{layers,0,expiresOn}', to_jsonb(((now() AT TIME ZONE 'utc')::date - 1)::text))
            WHERE sku = 'SA-EXPIRED'
            """);
        // SA-OLDROW: stored before the figure was kept: worked out from the snapshot.
        await ExecuteAsync(db, "UPDATE stock_positions SET available = NULL, available_until = NULL WHERE sku = 'SA-OLDROW'");

        var rows = (await queries.ListPositionsAsync(new StockFilter(Warehouse: Side))).ToDictionary(r => r.Sku);
        Assert.Equal(7m, rows["SA-FRESH"].Available);
        Assert.Equal(0m, rows["SA-EXPIRED"].Available);
        Assert.Equal(20m, rows["SA-OLDROW"].Available);
        Assert.Equal(4m, rows["SA-NOLOT"].Available);

        var low = await queries.ListPositionsAsync(new StockFilter(Warehouse: Side, LowStockOnly: true));
        Assert.Equal(["SA-EXPIRED", "SA-FRESH", "SA-NOLOT"], low.Select(r => r.Sku).ToArray());
        Assert.Equal(3, queries.CountGauges().LowStockPositions);

        // A page of low-stock rows fills across rows that turn out not to be low.
        var first = await queries.ListPositionsAsync(new StockFilter(Warehouse: Side, LowStockOnly: true, Limit: 1));
        Assert.Equal(["SA-EXPIRED"], first.Select(r => r.Sku).ToArray());
        var second = await queries.ListPositionsAsync(new StockFilter(Warehouse: Side, LowStockOnly: true, AfterWarehouse: Side, AfterSku: "SA-EXPIRED", Limit: 1));
        Assert.Equal(["SA-FRESH"], second.Select(r => r.Sku).ToArray());

        // The next commit stores the figure again.
        (await Server.As("admin").Post($"/api/v1/stock/{Side}/SA-OLDROW/receipts", new { quantity = 1, unitCost = 1 })).Ok();
        Assert.Equal(21m, (await StoredAsync("SA-OLDROW", Side)).Available);
    }

    private async Task<(decimal? Available, DateOnly? Until)> StoredAsync(string sku, string warehouse = Wh)
    {
        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = db.CreateCommand("SELECT available, available_until FROM stock_positions WHERE warehouse = $1 AND sku = $2");
        command.Parameters.Add(new() { Value = warehouse });
        command.Parameters.Add(new() { Value = sku });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.IsDBNull(0) ? null : reader.GetDecimal(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateOnly>(1));
    }

    private static async Task ExecuteAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
