using Microsoft.Extensions.Logging;

namespace Inventory.Storage.Postgres;

internal static partial class MigrationLog
{
    [LoggerMessage(101, LogLevel.Information, "Applied migration {Version:D4}_{Name} in {ElapsedMs} ms")]
    public static partial void Applied(this ILogger logger, int version, string name, long elapsedMs);

    [LoggerMessage(102, LogLevel.Debug, "Database schema is up to date at version {Version}")]
    public static partial void UpToDate(this ILogger logger, int version);

    [LoggerMessage(103, LogLevel.Warning, "The database has migrations this build does not know ({Versions}); it was migrated by a newer version")]
    public static partial void UnknownApplied(this ILogger logger, string versions);
}
