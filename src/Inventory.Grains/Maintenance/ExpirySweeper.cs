using Inventory.Domain.Reservations;
using Inventory.Grains.Positions;
using Inventory.Grains.Reservations;
using Inventory.Grains.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.Grains.Maintenance;

/// <summary>
/// The durable "reminder" behind expiries: positions expire their own reservations with timers while active,
/// but after downtime (or once collected) nobody would call them. At start-up and then every interval this
/// finds, from persisted state, positions with expiries due and reservations left in flight, and wakes them.
/// </summary>
public sealed partial class ExpirySweeper(
    IGrainFactory grains,
    IStockPositionStore positions,
    IReservationStore reservations,
    TimeProvider time,
    IOptions<ExpirySweepOptions> options,
    ILogger<ExpirySweeper> logger) : BackgroundService
{
    private static readonly ReservationStatusValue[] Active = [ReservationStatusValue.Active];

    /// <summary>One sweep. Returns how many grains it woke.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var woken = 0;
        foreach (var id in await reservations.ListIdsAsync(ReservationStatusValues.InFlight, null, cancellationToken))
        {
            await grains.GetGrain<IReservationGrain>(id).RecoverAsync();
            woken++;
        }
        foreach (var id in await reservations.ListIdsAsync(Active, now, cancellationToken))
        {
            await grains.GetGrain<IReservationGrain>(id).RecoverAsync();
            woken++;
        }
        foreach (var key in await positions.ListWithExpiryDueAsync(now, cancellationToken))
        {
            await grains.GetGrain<IStockPositionGrain>(key.ToString()).ExpireDueAsync();
            woken++;
        }
        if (woken > 0) LogSwept(logger, woken);
        return woken;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expiry sweep woke {Grains} grains")]
    private static partial void LogSwept(ILogger logger, int grains);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expiry sweep failed; retrying next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
