using Microsoft.Extensions.Logging;

namespace Inventory.Postgres.Embedded;

internal static partial class EmbeddedPostgresLog
{
    [LoggerMessage(1, LogLevel.Information, "Initializing PostgreSQL data directory {DataDirectory} with {InitDb}")]
    public static partial void InitializingDataDirectory(this ILogger logger, string dataDirectory, string initDb);

    [LoggerMessage(2, LogLevel.Information, "Started PostgreSQL (data {DataDirectory}, port {Port}, pid {ProcessId}) in {ElapsedMs} ms")]
    public static partial void Started(this ILogger logger, string dataDirectory, int port, int processId, long elapsedMs);

    [LoggerMessage(3, LogLevel.Warning, "Adopted the PostgreSQL server already running on data directory {DataDirectory} (pid {ProcessId}, port {Port}); its previous owner did not stop it, e.g. because it was killed")]
    public static partial void Adopted(this ILogger logger, string dataDirectory, int processId, int port);

    [LoggerMessage(4, LogLevel.Warning, "Removing stale {PidFile}: pid {ProcessId} is not a live PostgreSQL server of {DataDirectory} (a dead, unreaped server or an unrelated process)")]
    public static partial void RemovingStalePidFile(this ILogger logger, string pidFile, int processId, string dataDirectory);

    [LoggerMessage(5, LogLevel.Warning, "Port {Port} was taken before PostgreSQL could bind it; retrying with another port (attempt {Attempt})")]
    public static partial void PortTaken(this ILogger logger, int port, int attempt);

    [LoggerMessage(6, LogLevel.Information, "Created database {Database}")]
    public static partial void CreatedDatabase(this ILogger logger, string database);

    [LoggerMessage(7, LogLevel.Information, "Stopped PostgreSQL (data {DataDirectory})")]
    public static partial void Stopped(this ILogger logger, string dataDirectory);

    [LoggerMessage(8, LogLevel.Warning, "PostgreSQL on data directory {DataDirectory} (pid {ProcessId}) did not answer on port {Port}: {Reason}; restarting it")]
    public static partial void RestartingUnreachable(this ILogger logger, string dataDirectory, int processId, int port, string reason);

    [LoggerMessage(9, LogLevel.Warning, "PostgreSQL could not start yet because the previous server's processes are still exiting; retrying (attempt {Attempt})")]
    public static partial void PreviousServerStillExiting(this ILogger logger, int attempt);

    [LoggerMessage(10, LogLevel.Debug, "Running as root: PostgreSQL programs run as {ServerUser}")]
    public static partial void RunningAsServerUser(this ILogger logger, string serverUser);

    [LoggerMessage(12, LogLevel.Information, "Removed temporary PostgreSQL server {Directory} left behind by process {OwnerProcessId}, which is gone")]
    public static partial void RemovedOrphanedTemporaryServer(this ILogger logger, string directory, int ownerProcessId);

    [LoggerMessage(11, LogLevel.Warning, "Could not delete temporary PostgreSQL directory {Directory}")]
    public static partial void CouldNotDeleteTemporaryDirectory(this ILogger logger, Exception exception, string directory);
}
