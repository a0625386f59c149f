using Inventory.Storage.Postgres.Idempotency;

namespace Inventory.Server.Infrastructure.Idempotency;

/// <summary>Forgets Idempotency-Keys older than <see cref="InventoryLimits.IdempotencyKeyRetention"/>, once an hour.</summary>
public sealed partial class IdempotencyKeyPurge(IdempotencyStore store, TimeProvider time, ILogger<IdempotencyKeyPurge> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var purged = await store.PurgeAsync(time.GetUtcNow() - InventoryLimits.IdempotencyKeyRetention, includeUnfinished: false, stoppingToken);
                if (purged > 0) LogPurged(logger, purged);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired idempotency keys")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired idempotency keys failed; retrying next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
