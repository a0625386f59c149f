using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Inventory.Bench.Baseline.Infrastructure;

/// <summary>
/// Checks an HS256 JSON Web Token the way the real server does: signature (the key is base64, else UTF-8 text, as
/// the server reads Auth:SigningKey), expiry, issuer and audience "inventory", and that it names a user and a role.
/// Both systems pay for authentication on every request.
/// </summary>
public sealed class TokenValidator(string signingKey)
{
    private const string Service = "inventory";
    private readonly byte[] _key = KeyBytes(signingKey);

    private static byte[] KeyBytes(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return Encoding.UTF8.GetBytes(text);
        }
    }

    public bool TryValidate(string token, out string user)
    {
        user = "";
        var firstDot = token.IndexOf('.');
        var lastDot = token.LastIndexOf('.');
        if (firstDot <= 0 || lastDot <= firstDot)
            return false;

        Span<byte> expected = stackalloc byte[32];
        var signedLength = Encoding.ASCII.GetByteCount(token.AsSpan(0, lastDot));
        var signed = ArrayPool<byte>.Shared.Rent(signedLength);
        try
        {
            Encoding.ASCII.GetBytes(token.AsSpan(0, lastDot), signed);
            HMACSHA256.HashData(_key, signed.AsSpan(0, signedLength), expected);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signed);
        }

        var signature = Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1));
        if (!CryptographicOperations.FixedTimeEquals(signature, expected))
            return false;

        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(token.AsSpan(firstDot + 1, lastDot - firstDot - 1)));
        var root = payload.RootElement;
        if (!root.TryGetProperty("exp", out var exp) || exp.GetInt64() < DateTimeOffset.UtcNow.ToUnixTimeSeconds())
            return false;
        if (!root.TryGetProperty("role", out _))
            return false;
        if (!root.TryGetProperty("iss", out var iss) || iss.GetString() != Service)
            return false;
        if (!root.TryGetProperty("aud", out var aud) || aud.GetString() != Service)
            return false;
        user = root.TryGetProperty("sub", out var sub) ? sub.GetString() ?? "" : "";
        return user.Length > 0;
    }
}
