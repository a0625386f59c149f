using Inventory.Domain;
using Inventory.Grains.Maintenance;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;

namespace Inventory.Grains.Tests.OnOrleans;

/// <summary>
/// Expiry driven by a fake clock instead of sleeps: the grains and their timers read <see cref="FakeTimeProvider"/>;
/// Orleans' own background areas (membership, messaging, collection) stay on real time.
/// </summary>
public sealed class FakeClockTests
{
    private static readonly Actor Clerk = GrainTestHost.Clerk;

    private static Task<GrainTestHost> StartAsync(FakeTimeProvider clock) =>
        GrainTestHost.StartAsync(services: s => s.UseFakeClock(clock));

    [Fact]
    public async Task A_reservation_nobody_touches_expires_when_the_clock_passes_its_expiry()
    {
        var clock = FakeClock.New();
        await using var host = await StartAsync(clock);
        await host.ReceiveAsync("W1", "A", 10);
        Assert.True((await host.Position("W1", "A").ReserveAsync("r-1", 4, clock.GetUtcNow().AddMinutes(15), Clerk, null)).IsSuccess);
        var key = new PositionKey("W1", "A");

        clock.Advance(TimeSpan.FromMinutes(16)); // the position's grain timer fires; nobody calls

        await Eventually.TrueAsync(async () => (await host.PositionStore.ReadLedgerAsync(key)).Any(e => e.Type == LedgerEntryType.Expired),
            "the expiry is in the ledger");
        var stored = (await host.PositionStore.LoadAsync(key))!;
        Assert.Equal(0m, stored.Reserved);
        Assert.Equal(10m, (await host.Position("W1", "A").GetAsync()).Available);
    }

    /// <remarks>
    /// Idle collection is the one timing the fake clock cannot drive: Orleans measures idleness with its own stopwatch
    /// and collects on a real periodic timer. So this one runs on real time with a short age, and waits for the positive
    /// signal (the activation is gone) rather than asserting how long it took.
    /// </remarks>
    [Fact]
    public async Task An_idle_position_leaves_memory_after_the_collection_age_and_comes_back_from_storage()
    {
        await using var host = await GrainTestHost.StartAsync(silo => silo.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionAge = TimeSpan.FromSeconds(2);
            o.CollectionQuantum = TimeSpan.FromSeconds(1);
        }));
        await host.ReceiveAsync("W1", "A", 10);
        var saves = host.PositionStore.SaveCount;
        Assert.True(await host.Grains.IsActiveAsync(host.Position("W1", "A")));

        await Eventually.TrueAsync(async () => !await host.Grains.IsActiveAsync(host.Position("W1", "A")), "the idle position is collected");

        Assert.Equal(10m, (await host.Position("W1", "A").GetAsync()).OnHand);
        Assert.Equal(saves, host.PositionStore.SaveCount); // leaving memory wrote nothing: everything was durable already
    }
}
