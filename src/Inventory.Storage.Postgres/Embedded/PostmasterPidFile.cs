namespace Inventory.Storage.Postgres;

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

    public bool ProcessIsAlive => ProcessState(ProcessId) is not ('\0' or 'Z' or 'X');

    /// <summary>
    /// The postmaster died but nobody reaped it (possible when its adoptive parent is not a real init).
    /// PostgreSQL then takes it for a live server and refuses to start.
    /// </summary>
    public bool ProcessIsZombie => ProcessState(ProcessId) == 'Z';

    /// <summary>Whether any child of the recorded postmaster (a backend or helper) is still running.</summary>
    public bool HasLiveChildren()
    {
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var pid) && ReadStat(pid) is { } stat
                && stat.Fields.Length > 1 && stat.Fields[1] == ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && stat.State != 'Z')
            {
                return true;
            }
        }

        return false;
    }

    private static char ProcessState(int pid) => pid > 0 && ReadStat(pid) is { } stat ? stat.State : '\0';

    /// <summary>Reads /proc/&lt;pid&gt;/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.</summary>
    private static (char State, string[] Fields)? ReadStat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat.LastIndexOf(')');
            if (afterName < 0 || afterName + 2 >= stat.Length)
            {
                return null;
            }

            var fields = stat[(afterName + 2)..].Split(' ');
            return (fields[0][0], fields);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

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
