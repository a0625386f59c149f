namespace Inventory.Postgres.Embedded;

/// <summary>
/// The lock file a running server keeps in its data directory (postmaster.pid). Its lines are: pid, data
/// directory, start time, port, socket directory, listen address, shared memory key, status.
/// </summary>
internal sealed record PostmasterPidFile(int ProcessId, string DataDirectory, int Port, string Status)
{
    public const string FileName = "postmaster.pid";

    public const string Ready = "ready";
    public const string Stopping = "stopping";

    public static PostmasterPidFile? TryRead(string dataDirectory)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(dataDirectory, FileName));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        if (lines.Length == 0 || !int.TryParse(lines[0].Trim(), out var pid))
        {
            // The server is still writing it, or it is garbage; either way there is no pid to reason about.
            return new PostmasterPidFile(0, dataDirectory, 0, string.Empty);
        }

        var port = lines.Length > 3 && int.TryParse(lines[3].Trim(), out var p) ? p : 0;
        var status = lines.Length > 7 ? lines[7].Trim() : string.Empty;
        return new PostmasterPidFile(pid, lines.Length > 1 ? lines[1].Trim() : string.Empty, port, status);
    }

    public bool ProcessIsAlive => ProcessStatus.Read(ProcessId) is { IsAlive: true };

    /// <summary>
    /// The postmaster died but nobody reaped it (possible when its adoptive parent is not a real init).
    /// PostgreSQL then takes it for a live server and refuses to start.
    /// </summary>
    public bool ProcessIsZombie => ProcessStatus.Read(ProcessId) is { IsZombie: true };

    /// <summary>Whether any child of the recorded postmaster (a backend or helper) is still running.</summary>
    public bool HasLiveChildren() => ProcessStatus.HasLiveChildren(ProcessId);

    /// <summary>
    /// Whether the recorded process is a PostgreSQL server of <paramref name="dataDirectory"/>, not an
    /// unrelated process that got the same pid after a reboot or container restart.
    /// </summary>
    public bool ProcessServes(string dataDirectory)
    {
        if (!ProcessIsAlive)
        {
            return false;
        }

        var expected = Path.GetFullPath(dataDirectory).TrimEnd('/');
        try
        {
            // The postmaster changes into its data directory.
            var cwd = new DirectoryInfo($"/proc/{ProcessId}/cwd").ResolveLinkTarget(returnFinalTarget: false)?.FullName;
            if (cwd is not null)
            {
                return string.Equals(cwd.TrimEnd('/'), expected, StringComparison.Ordinal);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        try
        {
            var argv = File.ReadAllText($"/proc/{ProcessId}/cmdline").Split('\0');
            return argv.Length > 0 && Path.GetFileName(argv[0]) is "postgres" or "postmaster"
                && argv.Any(a => string.Equals(a.TrimEnd('/'), expected, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
