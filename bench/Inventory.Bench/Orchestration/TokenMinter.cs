using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Inventory.Bench.Orchestration;

/// <summary>
/// Mints HS256 bearer tokens (claims sub and role, issuer and audience "inventory", as the server issues them) with the
/// signing key the benchmark generated and handed to both systems, so it needs nobody's secret and nothing from the
/// repository.
/// </summary>
public sealed class TokenMinter(byte[] key, string? issuer, string? audience)
{
    /// <summary>The server's issuer and audience (Inventory.Server's TokenService).</summary>
    public const string ServiceName = "inventory";

    /// <summary>256 random bits as base64, the form Auth:SigningKey takes.</summary>
    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Mint(string user, string role, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = user,
            ["name"] = user,
            ["unique_name"] = user,
            ["role"] = role,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (issuer is not null) claims["iss"] = issuer;
        if (audience is not null) claims["aud"] = audience;

        var header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signed = header + "." + payload;
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed));
        return signed + "." + Base64Url.EncodeToString(signature);
    }
}
