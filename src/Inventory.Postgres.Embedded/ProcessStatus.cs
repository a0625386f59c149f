using System.Globalization;

namespace Inventory.Postgres.Embedded;

/// <summary>What Linux reports about a process in /proc/&lt;pid&gt;/stat.</summary>
internal readonly record struct ProcessStatus(char State, int ParentId, ulong StartTime)
{
    /// <summary>Running or sleeping: neither gone nor a zombie waiting to be reaped.</summary>
    public bool IsAlive => State is not ('Z' or 'X');

    public bool IsZombie => State == 'Z';

    /// <summary>The status of <paramref name="processId"/>, or null when there is no such process (or it is hidden).</summary>
    public static ProcessStatus? Read(int processId)
    {
        if (processId <= 0)
        {
            return null;
        }

        try
        {
            // "pid (comm) state ppid ... starttime(22nd field) ..."; comm may hold spaces and parentheses.
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var afterName = stat.LastIndexOf(')');
            if (afterName < 0 || afterName + 2 >= stat.Length)
            {
                return null;
            }

            var fields = stat[(afterName + 2)..].Split(' ');
            return new ProcessStatus(
                fields[0][0],
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                ulong.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Whether any live process has <paramref name="parentId"/> as its parent.</summary>
    public static bool HasLiveChildren(int parentId)
    {
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var pid) && Read(pid) is { IsAlive: true } status && status.ParentId == parentId)
            {
                return true;
            }
        }

        return false;
    }
}
