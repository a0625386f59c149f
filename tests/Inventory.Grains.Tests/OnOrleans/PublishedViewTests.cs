using Inventory.Domain;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Positions;
using Inventory.Grains.Storage;
using Inventory.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Grains.Tests.OnOrleans;

/// <summary>
/// The view a position's activation publishes in its silo (what the HTTP front answers a GET with, without a grain
/// call): only durable state, gone from the first instant of a change until the next read, never past the next expiry
/// or the next day, and gone with the activation.
/// </summary>
public sealed class PublishedViewTests
{
    private static readonly Actor Clerk = GrainTestHost.Clerk;
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddHours(1);
    private const string Key = "W1/A";

    private static async Task<(GrainTestHost Host, GatedPositionStore Store, ActivePositions Active)> StartAsync()
    {
        var store = new GatedPositionStore();
        var host = await GrainTestHost.StartAsync(services: s => s.AddSingleton<IStockPositionStore>(store));
        return (host, store, host.Services.GetRequiredService<ActivePositions>());
    }

    [Fact]
    public async Task A_read_publishes_the_durable_view_and_a_change_withdraws_it_before_its_write()
    {
        var (host, store, active) = await StartAsync();
        await using var _ = host;
        await host.ReceiveAsync("W1", "A", 10);
        Assert.Null(active.TryGetView(Key, DateTimeOffset.UtcNow)); // the receipt changed it; nobody has read since

        var read = await host.Position("W1", "A").GetAsync();
        Assert.Equal(read, active.TryGetView(Key, DateTimeOffset.UtcNow));

        store.Close();
        var writing = store.NextWriteStarted();
        var reserve = host.Position("W1", "A").ReserveAsync("r-1", 4, Later, Clerk, null);
        await writing.WaitAsync(Eventually.Timeout);
        Assert.Null(active.TryGetView(Key, DateTimeOffset.UtcNow)); // applied in memory, not durable: no view to show

        // A read while the write is held does not publish what it saw (it is not durable yet).
        var heldRead = host.Position("W1", "A").GetAsync();
        await host.CallsWaitingAsync(2); // the grain has run the read's turn: it waits behind the write
        Assert.Null(active.TryGetView(Key, DateTimeOffset.UtcNow));
        store.Open();
        Assert.True((await reserve).IsSuccess);
        Assert.Equal(4m, (await heldRead).Reserved);
        Assert.Null(active.TryGetView(Key, DateTimeOffset.UtcNow));

        var after = await host.Position("W1", "A").GetAsync();
        Assert.Equal(4m, active.TryGetView(Key, DateTimeOffset.UtcNow)!.Reserved);
        Assert.Equal(after, active.TryGetView(Key, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_failed_write_leaves_no_view_of_what_it_lost()
    {
        var (host, store, active) = await StartAsync();
        await using var _ = host;
        await host.ReceiveAsync("W1", "A", 10);
        await host.Position("W1", "A").GetAsync();
        store.Close();
        store.FailWrites = new InvalidOperationException("disk on fire");
        var writing = store.NextWriteStarted();

        var receipt = host.Position("W1", "A").ReceiveAsync(new ReceiveStock(5, 1m), Clerk);
        await writing.WaitAsync(Eventually.Timeout);
        store.Open();
        await Assert.ThrowsAnyAsync<Exception>(() => receipt);
        Assert.Null(active.TryGetView(Key, DateTimeOffset.UtcNow)); // the failed activation's memory holds the lost receipt

        store.FailWrites = null;
        await Eventually.TrueAsync(async () => !await host.Grains.IsActiveAsync(host.Position("W1", "A")), "the failed activation is gone");
        Assert.Equal(10m, (await host.Position("W1", "A").GetAsync()).OnHand);
        Assert.Equal(10m, active.TryGetView(Key, DateTimeOffset.UtcNow)!.OnHand);
    }

    [Fact]
    public async Task The_view_leaves_with_its_activation()
    {
        var (host, _, active) = await StartAsync();
        await using var __ = host;
        await host.ReceiveAsync("W1", "A", 10);
        await host.Position("W1", "A").GetAsync();
        Assert.NotNull(active.TryGetView(Key, DateTimeOffset.UtcNow));

        await host.DeactivateAsync(host.Position("W1", "A"));

        await Eventually.TrueAsync(() => Task.FromResult(active.TryGetView(Key, DateTimeOffset.UtcNow) is null), "the view is withdrawn");
        Assert.False(await host.Grains.IsActiveAsync(host.Position("W1", "A")));
    }

    [Fact]
    public async Task The_view_lapses_at_the_next_reservation_expiry_and_at_the_next_day()
    {
        var clock = FakeClock.New();
        await using var host = await GrainTestHost.StartAsync(services: s => s.UseFakeClock(clock));
        var active = host.Services.GetRequiredService<ActivePositions>();
        await host.ReceiveAsync("W1", "A", 10);
        await host.ReceiveAsync("W1", "B", 10);
        var expiry = clock.GetUtcNow().AddMinutes(15);
        Assert.True((await host.Position("W1", "A").ReserveAsync("r-1", 4, expiry, Clerk, null)).IsSuccess);

        await host.Position("W1", "A").GetAsync();
        await host.Position("W1", "B").GetAsync();

        // With a reservation held, the view answers until its expiry (then the grain must expire it first).
        Assert.Equal(4m, active.TryGetView(Key, expiry.AddTicks(-10))!.Reserved);
        Assert.Null(active.TryGetView(Key, expiry));
        // With nothing held, until the day ends (lots are judged expired by day).
        var midnight = new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);
        Assert.NotNull(active.TryGetView("W1/B", midnight.AddTicks(-10)));
        Assert.Null(active.TryGetView("W1/B", midnight));

        // What the grain answers at the expiry is what the view could no longer promise.
        clock.Advance(TimeSpan.FromMinutes(15));
        await Eventually.TrueAsync(async () => (await host.Position("W1", "A").GetAsync()).Reserved == 0m, "the reservation expired");
    }
}
