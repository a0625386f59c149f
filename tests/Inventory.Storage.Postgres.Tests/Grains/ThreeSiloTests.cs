using System.Collections.Concurrent;
using Inventory.Domain;
using Inventory.Grains;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Positions;
using Inventory.Storage.Postgres.Hosting;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Inventory.Storage.Postgres.Tests.Grains;

/// <summary>
/// Three silos in one process (Orleans' in-process test cluster) over the real PostgreSQL stores: positions spread over
/// the silos; the silo hosting a busy position is killed during a flood of reservations sent through the other two;
/// afterwards every acknowledged reservation is in the ledger, nothing is oversold, reconcile finds nothing, and the
/// position serves again from a survivor.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ThreeSiloTests(PostgresFixture fixture, ITestOutputHelper output)
{
    private static readonly Actor Clerk = PostgresGrainHost.Clerk;
    private const int Positions = 24, Stock = 100_000;

    [Fact]
    public async Task Killing_the_silo_of_a_busy_position_loses_no_acknowledged_reservation_and_it_serves_again_elsewhere()
    {
        var connectionString = await fixture.CreateMigratedDatabaseAsync();
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.Services.AddInventoryPostgres(connectionString).AddInventoryGrains());
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        IGrainFactory Factory(InProcessSiloHandle silo) => cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<IGrainFactory>();
        IStockPositionGrain Position(IGrainFactory grains, int i) => grains.GetGrain<IStockPositionGrain>($"W1/P{i:00}");

        // Stock every position through every silo in turn: Orleans places the activations over the three.
        for (var i = 0; i < Positions; i++)
            Assert.True((await Position(Factory(cluster.Silos[i % 3]), i).ReceiveAsync(new ReceiveStock(Stock, 1m), Clerk)).IsSuccess);
        var management = Factory(cluster.Silos[0]).GetGrain<IManagementGrain>(0);
        var hosts = new Dictionary<int, SiloAddress>();
        for (var i = 0; i < Positions; i++)
            hosts[i] = (await management.GetActivationAddress(Position(Factory(cluster.Silos[0]), i)))!;
        Assert.True(hosts.Values.Distinct().Count() >= 2, "the positions are spread over the silos");

        // The busy position: one hosted on a silo other than the first (the test cluster's primary).
        var busy = hosts.First(h => !h.Value.Equals(cluster.Silos[0].SiloAddress)).Key;
        var victim = cluster.Silos.Single(s => s.SiloAddress.Equals(hosts[busy]));
        var survivors = cluster.Silos.Where(s => s != victim).Select(Factory).ToArray();
        output.WriteLine($"positions per silo: {string.Join(", ", hosts.GroupBy(h => h.Value).Select(g => $"{g.Key}: {g.Count()}"))}; busy W1/P{busy:00} on {victim.SiloAddress}");

        // A flood through the survivors: the busy position most of the time, the others now and then.
        var acknowledged = new ConcurrentDictionary<string, int>();
        var failed = 0;
        using var stop = new CancellationTokenSource();
        var random = new Random(20261202);
        var expires = DateTimeOffset.UtcNow.AddHours(2);
        var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var i = n % 4 == 3 ? (w * 7 + n) % Positions : busy;
                var id = $"w{w}-{n}";
                try
                {
                    if ((await Position(survivors[w % 2], i).ReserveAsync(id, 1, expires, Clerk, null)).IsSuccess)
                        acknowledged[id] = i;
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed); // its silo died under it, or it was not answered in time
                    await Task.Delay(20);
                }
            }
        })).ToArray();

        await Until(() => acknowledged.Count >= 200, "the flood is under way");
        await cluster.KillSiloAsync(victim);
        var killedAt = acknowledged.Count;
        var sinceKill = System.Diagnostics.Stopwatch.StartNew();

        // The busy position serves again from a survivor.
        var probes = 0;
        await Until(async () =>
        {
            var id = $"probe-{probes++}";
            try
            {
                return (await Position(survivors[0], busy).ReserveAsync(id, 1, expires, Clerk, null)).IsSuccess && acknowledged.TryAdd(id, busy);
            }
            catch (Exception)
            {
                return false;
            }
        }, "the busy position serves again");
        output.WriteLine($"the busy position served again {sinceKill.Elapsed.TotalSeconds:0.0} s after its silo was killed");
        var host = await management.GetActivationAddress(Position(survivors[0], busy));
        Assert.Contains(host, cluster.GetActiveSilos().Select(s => s.SiloAddress));
        await Until(() => acknowledged.Count >= killedAt + 200, "the flood goes on through the survivors");
        stop.Cancel();
        await Task.WhenAll(workers);
        output.WriteLine($"{acknowledged.Count} reservations acknowledged, {failed} calls failed");

        // Every acknowledged reservation is in the ledger, no position holds more than it has, reconcile agrees.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var inLedger = new HashSet<string>();
        await using (var command = new NpgsqlCommand("SELECT reservation_id FROM stock_ledger WHERE type = 'reserved'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) inLedger.Add(reader.GetString(0));
        }
        var lost = acknowledged.Keys.Where(id => !inLedger.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"acknowledged but not in the ledger: {string.Join(", ", lost.Take(10))}");
        await using (var command = new NpgsqlCommand("SELECT count(*) FROM stock_positions WHERE reserved > on_hand", connection))
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        var store = cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredService<Inventory.Grains.Storage.IStockPositionStore>();
        Assert.True((await new Reconciler(store).RunAsync()).Consistent);
    }

    private static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    private static Task Until(Func<Task<bool>> condition, string what) => Eventually.TrueAsync(condition, what, TimeSpan.FromMinutes(3));
}
