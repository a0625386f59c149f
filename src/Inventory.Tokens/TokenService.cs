using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Inventory.Tokens;

/// <summary>
/// Issues and validates the service's HS256 JWTs (issuer and audience "inventory", claims sub and role): the one
/// place for it, used by the server, the admin CLI and the benchmark. A token that passed validation is remembered
/// (exactly that string, up to <see cref="MaxRemembered"/> of them) until it expires, so a client calling with the same
/// token pays for the signature check and JSON parsing once, not on every request. It still pays with
/// Microsoft.IdentityModel 8.x behind the JwtBearer handler: GET of a position at 64 clients, two interleaved pairs
/// (2026-12-02), 27,829 / 27,666 requests/s with it, 22,731 / 24,907 without; server CPU per GET 0.04 vs 0.05-0.06 ms.
/// </summary>
public sealed class TokenService
{
    public const int MaxRemembered = 10_000;

    /// <summary>The shortest signing key accepted: 256 bits.</summary>
    public const int MinimumKeyBytes = 32;

    public const string Issuer = "inventory";
    public const string Audience = "inventory";
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly SymmetricSecurityKey _key;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (ClaimsIdentity Identity, JsonWebToken Token)> _validated = new(StringComparer.Ordinal);

    public TokenService(byte[] signingKey, TimeProvider? time = null)
    {
        _key = new SymmetricSecurityKey(signingKey);
        _time = time ?? TimeProvider.System;
        Handler = new CachedHandler(this);
        Parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = _key,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            NameClaimType = SubjectClaim,
            RoleClaimType = RoleClaim,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                if (expires is { } to && Expired(to))
                    throw new SecurityTokenExpiredException("expired") { Expires = to };
                if (notBefore is { } from && NotYetValid(from))
                    throw new SecurityTokenNotYetValidException("not yet valid") { NotBefore = from };
                return expires is not null;
            },
        };
    }

    public TokenValidationParameters Parameters { get; }

    /// <summary>A new signing key: 256 random bits, as base64 (the form Auth:SigningKey and the key file take).</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumKeyBytes));

    /// <summary>A key as configured: base64, else the text's UTF-8 bytes; null when shorter than <see cref="MinimumKeyBytes"/>.</summary>
    public static byte[]? ParseKey(string text)
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
        return bytes.Length < MinimumKeyBytes ? null : bytes;
    }

    public string Issue(string user, IEnumerable<string> roles, TimeSpan lifetime, DateTimeOffset? now = null)
    {
        var issuedAt = (now ?? _time.GetUtcNow()).UtcDateTime;
        var claims = new List<Claim> { new(SubjectClaim, user) };
        claims.AddRange(roles.Select(r => new Claim(RoleClaim, r)));
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>
    /// The validation as a token handler, for ASP.NET Core's JwtBearer handler (its TokenHandlers): the same checks,
    /// the same cache, and a refusal's exception carries the message <see cref="ValidateAsync"/> gives.
    /// </summary>
    public TokenHandler Handler { get; }

    /// <summary>The token's identity, or the reason it is refused.</summary>
    public async ValueTask<(ClaimsIdentity? Identity, string? Error)> ValidateAsync(string token)
    {
        var result = await ValidateCoreAsync(token);
        return result.IsValid ? (result.ClaimsIdentity, null) : (null, result.Exception.Message);
    }

    private async ValueTask<TokenValidationResult> ValidateCoreAsync(string token)
    {
        if (_validated.TryGetValue(token, out var known))
        {
            if (!Expired(known.Token.ValidTo) && !NotYetValid(known.Token.ValidFrom))
                return Valid(known.Identity, known.Token);
            _validated.TryRemove(token, out _); // expired: validated again below, which says why
        }
        // Only compact JWS (header.payload.signature); encrypted or unsigned forms are refused before parsing.
        if (token.Length > 8192 || token.Count(c => c == '.') != 2)
            return Refused("The bearer token is not a signed JWT.");
        var header = token[..token.IndexOf('.')];
        TokenValidationResult result;
        try
        {
            var parsed = new JsonWebToken(token);
            if (!string.Equals(parsed.Alg, SecurityAlgorithms.HmacSha256, StringComparison.Ordinal))
                return Refused($"The bearer token must be signed with HS256, not '{parsed.Alg}'.");
            result = await _handler.ValidateTokenAsync(token, Parameters);
        }
        catch (ArgumentException)
        {
            return Refused($"The bearer token is malformed (header '{(header.Length > 40 ? header[..40] : header)}').");
        }

        if (result.IsValid)
        {
            if (_validated.Count >= MaxRemembered)
                _validated.Clear();
            var validated = (JsonWebToken)result.SecurityToken;
            _validated[token] = (result.ClaimsIdentity, validated);
            return Valid(result.ClaimsIdentity, validated);
        }
        return Refused(Refusal(result.Exception));
    }

    /// <summary>Why a token was refused, in words for its bearer: the service's own tokens and an external provider's alike.</summary>
    public static string Refusal(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "The bearer token has expired.",
        SecurityTokenNotYetValidException => "The bearer token is not valid yet.",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The bearer token's signature is not valid.",
        SecurityTokenInvalidIssuerException or SecurityTokenInvalidAudienceException => "The bearer token was issued for another service.",
        _ => "The bearer token is not valid.",
    };

    // The lifetime rule, for fresh and remembered tokens alike (UTC, with ClockSkew either way).
    private bool Expired(DateTime expires) => _time.GetUtcNow().UtcDateTime > expires + ClockSkew;

    private bool NotYetValid(DateTime notBefore) => _time.GetUtcNow().UtcDateTime + ClockSkew < notBefore;

    // Each caller gets its own copy of the identity: one request's changes never reach another's.
    private static TokenValidationResult Valid(ClaimsIdentity identity, JsonWebToken token) =>
        new() { IsValid = true, ClaimsIdentity = identity.Clone(), SecurityToken = token };

    private static TokenValidationResult Refused(string message) =>
        new() { IsValid = false, Exception = new SecurityTokenValidationException(message) };

    private sealed class CachedHandler(TokenService service) : JsonWebTokenHandler
    {
        public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters) =>
            await service.ValidateCoreAsync(token);
    }
}
