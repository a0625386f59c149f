namespace Inventory.Server.Infrastructure;

/// <summary>
/// The service's data directory (<c>Inventory:DataDirectory</c>, default <c>./data</c>): the embedded database and the
/// generated signing key live here. It ignores itself in git, so running from a checkout never stages secrets.
/// </summary>
public static class DataDirectory
{
    public const string ConfigurationKey = "Inventory:DataDirectory";
    public const string Default = "data";

    public static string Resolve(IConfiguration configuration) =>
        Path.GetFullPath(configuration[ConfigurationKey] is { Length: > 0 } configured ? configured : Default);

    public static void Ensure(string path)
    {
        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var ignore = Path.Combine(path, ".gitignore");
        if (!File.Exists(ignore))
            File.WriteAllText(ignore, "# Local data of the inventory service (database, signing key): never commit it.\n*\n");
    }
}
