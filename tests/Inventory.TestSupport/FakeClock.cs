using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Inventory.TestSupport;

/// <summary>A fake clock for the project's code in a test silo, instead of sleeping through expiries and holds.</summary>
public static class FakeClock
{
    /// <summary>A clock at a fixed, readable instant.</summary>
    public static FakeTimeProvider New() => new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// The grains, their timers and the stores read <paramref name="clock"/>; Orleans' own background areas
    /// (membership, messaging, collection) stay on real time, or the silo would never start.
    /// </summary>
    public static IServiceCollection UseFakeClock(this IServiceCollection services, FakeTimeProvider clock)
    {
        services.AddSingleton<TimeProvider>(clock);
        services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        return services;
    }
}

/// <summary>
/// Keeps a fake clock moving at about real speed (a step every few milliseconds) while a test can still make it jump:
/// for hosts whose Orleans timers on the grain clock (stream pulling agents, grain timers) must keep running while the
/// test skips an hour. Dispose stops it.
/// </summary>
public sealed class FlowingClock : IAsyncDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flow;

    public FlowingClock(FakeTimeProvider clock)
    {
        Clock = clock;
        _flow = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(Step);
                clock.Advance(Step);
            }
        });
    }

    public FakeTimeProvider Clock { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _flow;
        _stop.Dispose();
    }
}
