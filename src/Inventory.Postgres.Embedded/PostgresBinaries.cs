using System.Runtime.Versioning;
namespace Inventory.Postgres.Embedded;

/// <summary>Absolute paths of the PostgreSQL server programs the embedded server runs.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed record PostgresBinaries(string Directory, string InitDb, string PgCtl)
{
    public const string NotFoundMessage =
        "PostgreSQL server binaries not found (initdb, pg_ctl). Install the Debian package 'postgresql' " +
        "(apt-get install postgresql) or set ConnectionStrings:Inventory to use an existing server.";

    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>
    /// Finds initdb and pg_ctl: in <paramref name="explicitDirectory"/> only when given; else the version
    /// that initialized <paramref name="dataDirectory"/> (an upgrade may install a newer one beside it),
    /// then PATH, then the highest /usr/lib/postgresql/&lt;version&gt;/bin.
    /// </summary>
    public static PostgresBinaries Locate(string? explicitDirectory, string dataDirectory)
    {
        var searched = new List<string>();
        foreach (var directory in Candidates(explicitDirectory, dataDirectory))
        {
            searched.Add(directory);
            var found = TryDirectory(directory);
            if (found is not null)
            {
                return found;
            }
        }

        throw new EmbeddedPostgresException(
            $"{NotFoundMessage} Searched: {(searched.Count == 0 ? "(nothing)" : string.Join(", ", searched.Distinct()))}.");
    }

    private static IEnumerable<string> Candidates(string? explicitDirectory, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            yield return Path.GetFullPath(explicitDirectory);
            yield break;
        }

        var versionFile = Path.Combine(dataDirectory, "PG_VERSION");
        if (File.Exists(versionFile))
        {
            yield return Path.Combine(DebianRoot, File.ReadAllText(versionFile).Trim(), "bin");
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return directory;
        }

        if (System.IO.Directory.Exists(DebianRoot))
        {
            var versions = System.IO.Directory.GetDirectories(DebianRoot)
                .Select(d => (Path: d, Version: ParseVersion(Path.GetFileName(d))))
                .Where(v => v.Version is not null)
                .OrderByDescending(v => v.Version);
            foreach (var (versionDirectory, _) in versions)
            {
                yield return Path.Combine(versionDirectory, "bin");
            }
        }
    }

    private static Version? ParseVersion(string name) =>
        int.TryParse(name, out var major) ? new Version(major, 0)
        : Version.TryParse(name, out var version) ? version
        : null;

    private static PostgresBinaries? TryDirectory(string directory)
    {
        var initDb = Path.Combine(directory, "initdb");
        var pgCtl = Path.Combine(directory, "pg_ctl");
        if (!IsExecutable(initDb) || !IsExecutable(pgCtl))
        {
            return null;
        }

        // Debian links the programs into PATH; the server's own directory holds postgres and its libraries.
        var resolved = Path.GetDirectoryName(ResolveLinks(pgCtl)) ?? directory;
        return IsExecutable(Path.Combine(resolved, "initdb"))
            ? new PostgresBinaries(resolved, Path.Combine(resolved, "initdb"), Path.Combine(resolved, "pg_ctl"))
            : new PostgresBinaries(directory, initDb, pgCtl);
    }

    private static string ResolveLinks(string path) =>
        File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;

    private static bool IsExecutable(string path)
    {
        try
        {
            return File.Exists(path)
                && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
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
