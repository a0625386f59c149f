using Inventory.Domain;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Storage;
using Inventory.TestSupport;
using Npgsql;

namespace Inventory.Storage.Postgres.Tests.Grains;

/// <summary>
/// Orleans may briefly run two activations of one position while membership changes. Here that is made to happen for
/// certain: two silos that do not know each other, over one PostgreSQL, each with its own activation of the same
/// position, both loaded at the same version and then flooded with reservations. The version-guarded write must make
/// it harmless: the two cannot both commit from one version, the loser's callers get an error and it reloads, every
/// acknowledged reservation is in the ledger, nothing is oversold, and reconcile finds nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DuplicateActivationTests(PostgresFixture fixture)
{
    private static readonly Actor Clerk = PostgresGrainHost.Clerk;

    [Fact]
    public async Task Two_activations_of_one_position_never_both_commit_lose_nothing_acknowledged_and_never_oversell()
    {
        const int stock = 300;
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        await using var first = await PostgresGrainHost.StartAsync(connectionString);
        await using var second = await PostgresGrainHost.StartAsync(connectionString);
        Assert.True((await first.Position("W1", "DUP").ReceiveAsync(new ReceiveStock(stock, 2m), Clerk)).IsSuccess);
        // Both activations now hold the same version.
        Assert.Equal(stock, (await first.Position("W1", "DUP").GetAsync()).OnHand);
        Assert.Equal(stock, (await second.Position("W1", "DUP").GetAsync()).OnHand);

        var expires = DateTimeOffset.UtcNow.AddHours(1);
        async Task<(string Id, string Outcome)> Reserve(PostgresGrainHost host, string id)
        {
            try
            {
                var result = await host.Position("W1", "DUP").ReserveAsync(id, 1, expires, Clerk, null);
                return (id, result.IsSuccess ? "held" : result.Failure!.Code);
            }
            catch (Exception e)
            {
                return (id, e is VersionConflictException or { InnerException: VersionConflictException } ? "conflict" : "error: " + e.GetType().Name);
            }
        }
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 250).SelectMany(i => new[]
        {
            Task.Run(() => Reserve(first, $"a{i}")),
            Task.Run(() => Reserve(second, $"b{i}")),
        }));

        var held = outcomes.Where(o => o.Outcome == "held").Select(o => o.Id).ToHashSet();
        Assert.True(outcomes.Count(o => o.Outcome == "conflict") > 0, "the second activation's first write conflicted");
        Assert.All(outcomes, o => Assert.True(o.Outcome is "held" or "conflict" or ErrorCodes.InsufficientStock, $"{o.Id}: {o.Outcome}"));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var ledger = new NpgsqlCommand("SELECT reservation_id FROM stock_ledger WHERE sku = 'DUP' AND type = 'reserved'", connection);
        var inLedger = new List<string>();
        await using (var reader = await ledger.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) inLedger.Add(reader.GetString(0));
        }
        Assert.Equal(inLedger.Count, inLedger.Distinct().Count()); // no reservation written twice
        Assert.Equal(held.Order(StringComparer.Ordinal), inLedger.Order(StringComparer.Ordinal)); // every acknowledged one, and only those
        Assert.True(inLedger.Count <= stock, $"{inLedger.Count} units reserved of {stock}");

        // The stored snapshot agrees with the ledger.
        var stored = (await first.Positions.LoadAsync(new PositionKey("W1", "DUP")))!;
        Assert.Equal(inLedger.Count, (int)stored.Reserved);
        Assert.True((await new Reconciler(first.Positions).RunAsync()).Consistent);

        // An activation that lost a race holds stale memory until its next write: that write conflicts, the activation
        // reloads, and the retry decides on the stored state. (Reads from a stale activation can lag behind the other
        // one's writes; Orleans ends a duplicate activation quickly, while these two silos never learn of each other.)
        foreach (var (host, id) in new[] { (first, "a-after"), (second, "b-after") })
        {
            var outcome = "conflict";
            for (var attempt = 0; attempt < 5 && outcome == "conflict"; attempt++)
                outcome = (await Reserve(host, id)).Outcome;
            Assert.True(outcome is "held" or ErrorCodes.InsufficientStock, $"{id}: {outcome}");
        }
        var final = (int)(await first.Positions.LoadAsync(new PositionKey("W1", "DUP")))!.Reserved;
        Assert.True(final <= stock);
        Assert.Equal(final, (int)(await second.Position("W1", "DUP").GetAsync()).Reserved); // the last writer reads the stored state
        Assert.True((await new Reconciler(first.Positions).RunAsync()).Consistent);
    }
}
