using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Inventory.Bench.Baseline.Infrastructure;

/// <summary>
/// Checks an HS256 JSON Web Token: signature over the UTF-8 bytes of the signing key, expiry, and that it names a
/// user and a role. The same work a JWT bearer handler does per request, so both systems pay for authentication.
/// </summary>
public sealed class TokenValidator(string signingKey)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(signingKey);

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
        user = root.TryGetProperty("sub", out var sub) ? sub.GetString() ?? "" : "";
        return user.Length > 0;
    }
}
