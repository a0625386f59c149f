using System.Security.Cryptography;

namespace Inventory.Admin.Tests;

public static class Scratch
{
    public static string NewDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), prefix + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(path);
        return path;
    }

    public static string Id(string prefix) => prefix + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(3));
}
