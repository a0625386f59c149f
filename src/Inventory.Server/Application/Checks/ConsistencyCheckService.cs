using Inventory.Queries.Checks;
using Microsoft.Extensions.Options;

namespace Inventory.Server.Application.Checks;

/// <summary>Runs the <see cref="ConsistencyCheck"/> (raising alerts) every <see cref="ChecksOptions.ConsistencyInterval"/>.</summary>
public sealed partial class ConsistencyCheckService(
    ConsistencyCheck check,
    CheckStatus status,
    IOptions<ChecksOptions> options,
    TimeProvider time,
    ILogger<ConsistencyCheckService> logger) : BackgroundService
{
    /// <summary>One check now, recorded in <see cref="CheckStatus"/>; also what POST /api/v1/admin/checks/consistency runs.</summary>
    public async Task<ConsistencyReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await check.RunAsync(raiseAlerts: true, cancellationToken);
            status.Record(ConsistencyRun.Of(report));
            return report;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            status.Record(new ConsistencyRun(time.GetUtcNow(), null, null, null, e.Message));
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.ConsistencyCheckEnabled)
            return;
        try
        {
            await Task.Delay(settings.ConsistencyFirstRunDelay, time, stoppingToken);
            using var timer = new PeriodicTimer(settings.ConsistencyInterval, time);
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 8105, Level = LogLevel.Warning, Message = "Consistency check failed; retrying next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
