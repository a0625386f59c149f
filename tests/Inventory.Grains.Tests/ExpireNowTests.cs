using Inventory.Domain;
using Inventory.Domain.Reservations;
using Inventory.Grains.Reservations;

namespace Inventory.Grains.Tests;

public sealed class ExpireNowTests
{
    [Fact]
    public async Task Expire_now_returns_every_line_at_once_and_marks_the_reservation_expired()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10);
        await host.ReceiveAsync("W2", "B", 5);
        var request = new CreateReservation([new ReservationLineRequest("W1", "A", 3), new ReservationLineRequest("W2", "B", 2)], TimeSpan.FromHours(1));
        Assert.True((await host.Reservation("cart-1").CreateAsync(request, GrainTestHost.Clerk)).IsSuccess);

        var result = await host.Reservation("cart-1").ExpireNowAsync(new Actor("root", "admin"));

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal("expired", result.Value.Status);
        Assert.Equal(10m, (await host.Position("W1", "A").GetAsync()).Available);
        Assert.Equal(5m, (await host.Position("W2", "B").GetAsync()).Available);
        Assert.Equal("expired", (await host.Reservation("cart-1").ExpireNowAsync(GrainTestHost.Clerk)).Value.Status);
        Assert.Equal(ErrorCodes.ReservationNotActive, (await host.Reservation("cart-1").CommitAsync(GrainTestHost.Clerk)).Failure?.Code);
    }

    [Fact]
    public async Task Expire_now_refuses_a_committed_reservation_and_an_unknown_one()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10);
        await host.Reservation("cart-2").CreateAsync(new CreateReservation([new ReservationLineRequest("W1", "A", 3)]), GrainTestHost.Clerk);
        await host.Reservation("cart-2").CommitAsync(GrainTestHost.Clerk);

        Assert.Equal(ErrorCodes.ReservationNotActive, (await host.Reservation("cart-2").ExpireNowAsync(GrainTestHost.Clerk)).Failure?.Code);
        Assert.Equal(ErrorCodes.ReservationNotFound, (await host.Reservation("nobody").ExpireNowAsync(GrainTestHost.Clerk)).Failure?.Code);
        Assert.Equal(7m, (await host.Position("W1", "A").GetAsync()).OnHand);
    }

    [Fact]
    public async Task Expire_now_finds_a_reservation_whose_grain_was_collected()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10);
        Assert.True((await host.Reservation("cart-3").CreateAsync(
            new CreateReservation([new ReservationLineRequest("W1", "A", 4)], TimeSpan.FromHours(1)), GrainTestHost.Clerk)).IsSuccess);
        await host.DeactivateAsync(host.Reservation("cart-3")); // if still active

        var result = await host.Reservation("cart-3").ExpireNowAsync(GrainTestHost.Clerk);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal("expired", result.Value.Status);
        Assert.Equal(10m, (await host.Position("W1", "A").GetAsync()).Available);
    }
}
