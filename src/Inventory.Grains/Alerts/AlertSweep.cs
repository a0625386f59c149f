using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.Grains.Alerts;

/// <summary>
/// Time moves lots into the expiry horizon without any ledger movement, so nothing would re-evaluate them. At
/// start-up and then every <see cref="AlertOptions.SweepInterval"/> this finds the positions with lots expiring
/// within the horizon and has their alert grains re-evaluate the expiring-lots rule.
/// </summary>
public sealed partial class AlertSweep(
    IGrainFactory grains,
    ILotExpiryIndex lots,
    TimeProvider time,
    IOptions<AlertOptions> options,
    ILogger<AlertSweep> logger) : BackgroundService
{
    /// <summary>One sweep; returns how many positions were re-evaluated.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var horizon = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays((int)Math.Floor(options.Value.ExpiryHorizon.TotalDays));
        var positions = await lots.ListPositionsWithLotsExpiringByAsync(horizon, cancellationToken);
        foreach (var position in positions)
            await grains.GetGrain<IStockAlertGrain>(position.ToString()).ReevaluateLotsAsync();
        if (positions.Count > 0) LogSwept(logger, positions.Count);
        return positions.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
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
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert sweep re-evaluated expiring lots of {Count} positions")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert sweep failed; trying again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
