using Inventory.Tokens;

namespace Inventory.Admin.Connections;

/// <summary>
/// Mints bearer tokens with the server's own <see cref="TokenService"/> and the server's signing key:
/// INVENTORY_SIGNING_KEY (like Auth:SigningKey: base64 or text of at least 32 bytes) or the file
/// &lt;data dir&gt;/signing-key that the server generated.
/// </summary>
public static class LocalTokens
{
    public const string KeyFileName = "signing-key";
    public const string KeyVariable = "INVENTORY_SIGNING_KEY";

    /// <summary>The roles the server knows, most privileged first.</summary>
    public static readonly IReadOnlyList<string> Roles = ["admin", "manager", "warehouse_staff", "sales_staff", "purchaser", "viewer"];

    /// <summary>The signing key, or null when neither the variable nor a data directory gives one.</summary>
    public static byte[]? FindKey(string? configuredKey, string? dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredKey))
            return Parse(configuredKey, KeyVariable);
        if (dataDirectory is null)
            return null;
        var path = Path.Combine(dataDirectory, KeyFileName);
        if (!File.Exists(path))
        {
            throw new AdminException(ExitCodes.Unauthorized,
                $"There is no signing key at {path}.",
                "Point --data-dir at the server's data directory (the server writes signing-key there on its first start), " +
                $"set {KeyVariable} to the server's Auth:SigningKey, or pass a token with --token.");
        }
        try
        {
            return Parse(File.ReadAllText(path).Trim(), path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new AdminException(ExitCodes.Unauthorized, $"The signing key {path} is not readable by this user.",
                "Run as the user that runs the server (the key is mode 600), or pass a token with --token.");
        }
    }

    public static string Issue(byte[] key, string user, IEnumerable<string> roles, TimeSpan lifetime) =>
        new TokenService(key).Issue(user, roles, lifetime);

    private static byte[] Parse(string text, string source) => TokenService.ParseKey(text)
        ?? throw new AdminException(ExitCodes.Usage, $"The signing key from {source} is shorter than {TokenService.MinimumKeyBytes} bytes.");
}
