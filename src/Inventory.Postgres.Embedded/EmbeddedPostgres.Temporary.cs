using System.Globalization;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Inventory.Postgres.Embedded;

public sealed partial class EmbeddedPostgres
{
    private const string TemporaryPrefix = "invpg-";

    // Marks a temporary server's directory with the process that owns it: "<pid> <start time>".
    private const string OwnerFileName = "owner";

    /// <summary>
    /// Starts a throwaway server whose data directory lives under the temp directory and is deleted on
    /// dispose. Servers of earlier temporary owners that died without disposing (a killed test run) are
    /// stopped and deleted first, so they do not pile up.
    /// </summary>
    public static async Task<EmbeddedPostgres> StartTemporaryAsync(
        Action<EmbeddedPostgresOptions>? configure = null,
        ILogger<EmbeddedPostgres>? logger = null,
        CancellationToken cancellationToken = default)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(UnsupportedPlatformMessage);
        }

        await RemoveOrphanedTemporaryServersAsync(logger, cancellationToken).ConfigureAwait(false);

        var root = Path.Combine(Path.GetTempPath(), TemporaryPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)));
        // Others need search permission to reach the data directory when the server runs as 'postgres'.
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFileName), OwnerMark(Environment.ProcessId), cancellationToken).ConfigureAwait(false);

        var server = new EmbeddedPostgres(TemporaryOptions(root, configure), logger, root);
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static EmbeddedPostgresOptions TemporaryOptions(string root, Action<EmbeddedPostgresOptions>? configure)
    {
        var options = new EmbeddedPostgresOptions();
        configure?.Invoke(options);
        options.DataDirectory = Path.Combine(root, "data");
        options.SocketDirectory = Path.Combine(root, "run");
        return options;
    }

    private static string OwnerMark(int processId) =>
        ProcessStatus.Read(processId) is { } status
            ? string.Create(CultureInfo.InvariantCulture, $"{processId} {status.StartTime}")
            : processId.ToString(CultureInfo.InvariantCulture);

    [UnsupportedOSPlatform("windows")]
    private static async Task RemoveOrphanedTemporaryServersAsync(ILogger? logger, CancellationToken cancellationToken)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(Path.GetTempPath(), TemporaryPrefix + "*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var root in candidates)
        {
            string mark;
            try
            {
                mark = await File.ReadAllTextAsync(Path.Combine(root, OwnerFileName), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // not a temporary server's directory, or someone else's
            }

            var parts = mark.Trim().Split(' ');
            if (!int.TryParse(parts[0], CultureInfo.InvariantCulture, out var owner) || OwnerIsAlive(owner, parts.ElementAtOrDefault(1)))
            {
                continue;
            }

            var orphan = new EmbeddedPostgres(TemporaryOptions(root, configure: null), logger, root);
            try
            {
                await orphan.StopOrphanAsync(cancellationToken).ConfigureAwait(false);
                (logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).RemovedOrphanedTemporaryServer(root, owner);
            }
            catch (Exception e) when (e is EmbeddedPostgresException or IOException or UnauthorizedAccessException)
            {
                // Another process may be removing it right now; a leftover is not worth failing a start.
            }
            finally
            {
                await orphan.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // A pid alone may have been reused since; the start time tells the original process from a newcomer.
    private static bool OwnerIsAlive(int processId, string? startTime) =>
        ProcessStatus.Read(processId) is { IsAlive: true } status
        && (startTime is null || startTime == status.StartTime.ToString(CultureInfo.InvariantCulture));

    [UnsupportedOSPlatform("windows")]
    private async Task StopOrphanAsync(CancellationToken cancellationToken)
    {
        if (PostmasterPidFile.TryRead(DataDirectory) is not { ProcessIsAlive: true })
        {
            return;
        }

        binaries = PostgresBinaries.Locate(options.BinDirectory, DataDirectory);
        account = await ServerAccount.ForCurrentProcessAsync(options.ServerUser, CommandTimeout, cancellationToken).ConfigureAwait(false);
        // Throwaway data: no shutdown checkpoint needed.
        await account.RunAsync(binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", TimeoutSeconds], cancellationToken)
            .ConfigureAwait(false);
    }
}
