using System.Buffers;
using System.Collections.Concurrent;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Inventory.Bench.Baseline.Infrastructure;

/// <summary>
/// Checks an HS256 JSON Web Token the way the real server does: signature (the key is base64, else UTF-8 text, as
/// the server reads Auth:SigningKey), expiry, issuer and audience "inventory", and that it names a user and a role.
/// Like the real server, it remembers a token that passed until it expires (up to 10,000 of them), so both systems
/// pay for the signature check once per token, not on every request.
/// </summary>
public sealed class TokenValidator(string signingKey)
{
    private const string Service = "inventory";
    private readonly byte[] _key = KeyBytes(signingKey);
    private readonly ConcurrentDictionary<string, (string User, long Expires)> _validated = new(StringComparer.Ordinal);

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
        if (_validated.TryGetValue(token, out var known) && known.Expires >= DateTimeOffset.UtcNow.ToUnixTimeSeconds())
        {
            user = known.User;
            return true;
        }
        if (!TryValidateSignedToken(token, out user, out var expires))
            return false;
        if (_validated.Count >= 10_000)
            _validated.Clear();
        _validated[token] = (user, expires);
        return true;
    }

    private bool TryValidateSignedToken(string token, out string user, out long expires)
    {
        user = "";
        expires = 0;
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
        expires = exp.GetInt64();
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
