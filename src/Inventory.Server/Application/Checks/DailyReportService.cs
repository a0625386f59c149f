using Microsoft.Extensions.Options;

namespace Inventory.Server.Application.Checks;

/// <summary>
/// Writes yesterday's report at <see cref="ChecksOptions.DailyReportTime"/> (UTC) every day, and at start-up when
/// yesterday's report is missing (the server was down at that time).
/// </summary>
public sealed partial class DailyReportService(
    DailyReports reports,
    IOptions<ChecksOptions> options,
    TimeProvider time,
    ILogger<DailyReportService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DailyReportEnabled)
            return;
        try
        {
            var yesterday = reports.Today.AddDays(-1);
            if (!reports.Exists(yesterday))
                await TryWriteAsync(yesterday, stoppingToken);
            while (true)
            {
                var now = time.GetUtcNow();
                var next = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + options.Value.DailyReportTime;
                if (next <= now) next = next.AddDays(1);
                await Task.Delay(next - now, time, stoppingToken);
                await TryWriteAsync(DateOnly.FromDateTime(next.UtcDateTime).AddDays(-1), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TryWriteAsync(DateOnly date, CancellationToken stoppingToken)
    {
        try
        {
            await reports.WriteAsync(date, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, e, date);
        }
    }

    [LoggerMessage(EventId = 8202, Level = LogLevel.Warning, Message = "Daily report {Date} could not be written")]
    private static partial void LogFailed(ILogger logger, Exception exception, DateOnly date);
}
