using Inventory.Domain;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Storage;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Grains.Tests.OnOrleans;

/// <summary>
/// Group commit inside the reentrant position grain on a real silo, with the store held at a gate: nobody is answered
/// before the write that carries their change, many calls share few writes, a failed write fails everything applied on
/// top of the last good one and the next call reloads, and a read waits for what it saw to be durable.
/// </summary>
public sealed class GroupCommitTests
{
    private static readonly Actor Clerk = GrainTestHost.Clerk;
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddHours(1);

    private static async Task<(GrainTestHost Host, GatedPositionStore Store)> StartAsync()
    {
        var store = new GatedPositionStore();
        var host = await GrainTestHost.StartAsync(services: s => s.AddSingleton<IStockPositionStore>(store));
        return (host, store);
    }

    [Fact]
    public async Task No_caller_is_answered_before_the_write_that_carries_its_change()
    {
        var (host, store) = await StartAsync();
        await using var _ = host;
        await host.ReceiveAsync("W1", "A", 100);
        store.Close();
        var writing = store.NextWriteStarted();

        var calls = Enumerable.Range(0, 10).Select(i => host.Position("W1", "A").ReserveAsync($"r{i}", 1, Later, Clerk, null)).ToList();
        await writing.WaitAsync(Eventually.Timeout);
        await host.CallsWaitingAsync(10); // each call ran its turn and waits: none was answered early

        Assert.All(calls, c => Assert.False(c.IsCompleted));
        Assert.Single(await store.Inner.ReadLedgerAsync(new PositionKey("W1", "A"))); // the receipt only: nothing is stored yet
        store.Open();
        Assert.All(await Task.WhenAll(calls), r => Assert.True(r.IsSuccess));
        Assert.Equal(11, (await store.Inner.ReadLedgerAsync(new PositionKey("W1", "A"))).Count);
    }

    [Fact]
    public async Task A_thousand_concurrent_reservations_share_far_fewer_writes()
    {
        var (host, store) = await StartAsync();
        await using var _ = host;
        await host.ReceiveAsync("W1", "A", 5_000);
        var before = store.WritesStarted;
        store.Close();
        var writing = store.NextWriteStarted();

        var calls = Enumerable.Range(0, 1_000).Select(i => host.Position("W1", "A").ReserveAsync($"r{i}", 1, Later, Clerk, null)).ToList();
        await writing.WaitAsync(Eventually.Timeout);
        store.Open();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r.IsSuccess));
        var writes = store.WritesStarted - before;
        Assert.True(writes <= 100, $"1,000 reservations took {writes} writes");
        Assert.Equal(1_000m, (await host.Position("W1", "A").GetAsync()).Reserved);
        Assert.Equal(1_001, (await store.Inner.ReadLedgerAsync(new PositionKey("W1", "A"))).Count);
    }

    [Fact]
    public async Task A_failed_write_fails_every_call_applied_on_top_of_it_and_the_next_call_reloads()
    {
        var (host, store) = await StartAsync();
        await using var _ = host;
        await host.ReceiveAsync("W1", "A", 10);
        var loads = store.Loads;
        store.Close();
        store.FailWrites = new InvalidOperationException("disk on fire");
        var writing = store.NextWriteStarted();

        var first = host.Position("W1", "A").ReceiveAsync(new ReceiveStock(5, 1m), Clerk);
        await writing.WaitAsync(Eventually.Timeout);
        // Applied while the first write is held: these form the next batch, on top of the failing one.
        var later = Enumerable.Range(0, 20).Select(_ => host.Position("W1", "A").ReceiveAsync(new ReceiveStock(1, 1m), Clerk)).ToList();
        await host.CallsWaitingAsync(21); // all applied on top of the held write
        store.Open();

        await Assert.ThrowsAnyAsync<Exception>(() => first);
        foreach (var call in later)
            await Assert.ThrowsAnyAsync<Exception>(() => call);
        store.FailWrites = null;
        await Eventually.TrueAsync(async () => !await host.Grains.IsActiveAsync(host.Position("W1", "A")), "the failed activation is gone");

        var view = await host.Position("W1", "A").GetAsync();
        Assert.Equal(10m, view.OnHand); // only what was durable
        Assert.True(store.Loads > loads, "the next call loaded the position again");
        Assert.True((await host.Position("W1", "A").ReceiveAsync(new ReceiveStock(1, 1m), Clerk)).IsSuccess);
        Assert.Equal(11m, (await host.Position("W1", "A").GetAsync()).OnHand);
    }

    [Fact]
    public async Task A_version_conflict_drops_the_activation_and_the_next_call_sees_the_stored_state()
    {
        var (host, store) = await StartAsync();
        await using var _ = host;
        await host.ReceiveAsync("W1", "A", 10);
        // Another writer (another activation, another node) moves the stored position on.
        var stored = (await store.Inner.LoadAsync(new PositionKey("W1", "A")))!;
        var other = StockPosition.FromSnapshot(stored);
        var moved = other.Receive(new ReceiveStock(7, 1m), Clerk, DateTimeOffset.UtcNow);
        await ((IStockPositionStore)store.Inner).SaveAsync(other.ToSnapshot(), stored.Sequence, moved.Value.Entries);

        await Assert.ThrowsAsync<VersionConflictException>(() => host.Position("W1", "A").ReceiveAsync(new ReceiveStock(1, 1m), Clerk));

        await Eventually.TrueAsync(async () => (await host.Position("W1", "A").GetAsync()).OnHand == 17m, "the position reloads the other writer's state");
        Assert.True((await host.Position("W1", "A").ReceiveAsync(new ReceiveStock(1, 1m), Clerk)).IsSuccess);
        Assert.Equal(18m, (await host.Position("W1", "A").GetAsync()).OnHand);
    }

    [Fact]
    public async Task A_read_issued_during_a_held_write_returns_only_after_it_and_shows_it()
    {
        var (host, store) = await StartAsync();
        await using var _ = host;
        await host.ReceiveAsync("W1", "A", 10);
        store.Close();
        var writing = store.NextWriteStarted();

        var receipt = host.Position("W1", "A").ReceiveAsync(new ReceiveStock(5, 1m), Clerk);
        await writing.WaitAsync(Eventually.Timeout);
        var read = host.Position("W1", "A").GetAsync();
        await host.CallsWaitingAsync(2); // the read ran its turn and waits behind the write

        Assert.False(read.IsCompleted);
        store.Open();
        Assert.True((await receipt).IsSuccess);
        Assert.Equal(15m, (await read).OnHand);
    }

    [Fact]
    public async Task Concurrent_first_calls_meet_one_activation()
    {
        var (host, store) = await StartAsync();
        await using var _ = host;

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
            Task.Run(() => host.Position("W1", "A").ReceiveAsync(new ReceiveStock(1, 1m), Clerk))));

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(1, store.Loads);
        Assert.Equal(100m, (await host.Position("W1", "A").GetAsync()).OnHand);
    }
}
