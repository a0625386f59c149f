using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Inventory.Postgres.Embedded;

/// <summary>
/// The account the PostgreSQL programs run as. PostgreSQL refuses to run as root, so a root process runs
/// them as an unprivileged system user (runuser) and hands that user the directories they write to.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class ServerAccount
{
    private static readonly string[] RunUserLocations = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"];

    private readonly string? runUser;
    private readonly TimeSpan timeout;

    private ServerAccount(string? userName, string? runUser, TimeSpan timeout)
    {
        UserName = userName;
        this.runUser = runUser;
        this.timeout = timeout;
    }

    /// <summary>The user the programs run as, or null for the current user.</summary>
    public string? UserName { get; }

    public static bool ProcessIsRoot => geteuid() == 0;

    public static async Task<ServerAccount> ForCurrentProcessAsync(string serverUser, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!ProcessIsRoot)
        {
            return new ServerAccount(null, null, timeout);
        }

        var runUser = RunUserLocations.FirstOrDefault(File.Exists)
            ?? throw new EmbeddedPostgresException(
                $"PostgreSQL refuses to run as root, and `runuser` (util-linux) was not found to run it as '{serverUser}'. " +
                "Install util-linux or run the service as a non-root user.");

        var id = await ExternalCommand.RunAsync("id", ["-u", serverUser], timeout, cancellationToken).ConfigureAwait(false);
        if (!id.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"PostgreSQL refuses to run as root, and the system user '{serverUser}' that should run it does not exist. " +
                "Install the Debian package 'postgresql' (it creates the 'postgres' user), create the user, " +
                "or run the service as a non-root user.");
        }

        return new ServerAccount(serverUser, runUser, timeout);
    }

    /// <summary>Runs <paramref name="program"/> as the server account.</summary>
    public Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        runUser is null
            ? ExternalCommand.RunAsync(program, arguments, timeout, cancellationToken)
            : ExternalCommand.RunAsync(runUser, ["-u", UserName!, "--", program, .. arguments], timeout, cancellationToken);

    /// <summary>Makes the server account the owner of <paramref name="path"/> and everything below it.</summary>
    public async Task GiveOwnershipAsync(string path, CancellationToken cancellationToken)
    {
        if (UserName is null)
        {
            return;
        }

        var chown = await ExternalCommand.RunAsync("chown", ["-R", $"{UserName}:", path], timeout, cancellationToken).ConfigureAwait(false);
        if (!chown.Succeeded)
        {
            throw new EmbeddedPostgresException($"Could not give '{path}' to the user '{UserName}'. {chown.Describe()}");
        }
    }

    /// <summary>
    /// Fails with a clear message when the server account cannot enter <paramref name="directory"/>, which
    /// needs search (x) permission on every parent: a data directory under /root, for one, is unreachable.
    /// </summary>
    public async Task EnsureCanEnterAsync(string directory, CancellationToken cancellationToken)
    {
        if (UserName is null)
        {
            return;
        }

        var test = await RunAsync("test", ["-x", directory], cancellationToken).ConfigureAwait(false);
        if (test.Succeeded)
        {
            return;
        }

        var closed = Parents(directory)
            .Where(d => Directory.Exists(d) && (File.GetUnixFileMode(d) & UnixFileMode.OtherExecute) == 0)
            .ToList();
        var cause = closed.Count > 0
            ? $"these parent directories are not traversable by others (o+x missing): {string.Join(", ", closed)}. " +
              $"Run `chmod o+x {string.Join(' ', closed)}`, or choose a data directory elsewhere (e.g. under /var/lib or /tmp)."
            : "check the permissions of its parent directories.";
        throw new EmbeddedPostgresException(
            $"The PostgreSQL server runs as '{UserName}' (PostgreSQL refuses root), and that user cannot reach '{directory}': {cause}");
    }

    private static IEnumerable<string> Parents(string directory)
    {
        for (var current = Path.GetDirectoryName(Path.GetFullPath(directory)); !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            yield return current;
        }
    }

    // DllImport rather than LibraryImport: a parameterless call needs no marshalling, nor unsafe code.
    [DllImport("libc", ExactSpelling = true)]
    private static extern uint geteuid();
}
