using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Inventory.Admin.Connections;

/// <summary>
/// Mints bearer tokens the way the server's TokenService does (HS256; issuer and audience "inventory"; claims sub and
/// role), with the server's signing key: INVENTORY_SIGNING_KEY (like Auth:SigningKey: base64 or text of at least 32
/// bytes) or the file &lt;data dir&gt;/signing-key that the server generated.
/// </summary>
public static class LocalTokens
{
    public const string Issuer = "inventory";
    public const string Audience = "inventory";
    public const string KeyFileName = "signing-key";
    public const string KeyVariable = "INVENTORY_SIGNING_KEY";
    private const int MinimumKeyBytes = 32;

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

    public static string Issue(byte[] key, string user, IEnumerable<string> roles, TimeSpan lifetime)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new("sub", user) };
        claims.AddRange(roles.Select(r => new Claim("role", r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }

    private static byte[] Parse(string text, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            bytes = Encoding.UTF8.GetBytes(text);
        }
        if (bytes.Length < MinimumKeyBytes)
            throw new AdminException(ExitCodes.Usage, $"The signing key from {source} is shorter than {MinimumKeyBytes} bytes.");
        return bytes;
    }
}
