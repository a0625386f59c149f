using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Inventory.Server.Infrastructure.Auth;

/// <summary>Issues and validates the service's HS256 JWTs (issuer and audience "inventory", claims sub and role).</summary>
public sealed class TokenService
{
    public const string Issuer = "inventory";
    public const string Audience = "inventory";
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly SymmetricSecurityKey _key;
    private readonly JsonWebTokenHandler _handler = new();

    public TokenService(byte[] signingKey)
    {
        _key = new SymmetricSecurityKey(signingKey);
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
        };
    }

    public TokenValidationParameters Parameters { get; }

    public string Issue(string user, IEnumerable<string> roles, TimeSpan lifetime, DateTimeOffset? now = null)
    {
        var issuedAt = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
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

    /// <summary>The token's identity, or the reason it is refused.</summary>
    public (ClaimsIdentity? Identity, string? Error) Validate(string token)
    {
        // Only compact JWS (header.payload.signature); encrypted or unsigned forms are refused before parsing.
        if (token.Length > 8192 || token.Count(c => c == '.') != 2)
            return (null, "The bearer token is not a signed JWT.");
        var header = token[..token.IndexOf('.')];
        TokenValidationResult result;
        try
        {
            var parsed = new JsonWebToken(token);
            if (!string.Equals(parsed.Alg, SecurityAlgorithms.HmacSha256, StringComparison.Ordinal))
                return (null, $"The bearer token must be signed with HS256, not '{parsed.Alg}'.");
            result = _handler.ValidateToken(token, Parameters);
        }
        catch (ArgumentException)
        {
            return (null, $"The bearer token is malformed (header '{(header.Length > 40 ? header[..40] : header)}').");
        }

        if (result.IsValid)
            return (result.ClaimsIdentity, null);
        return (null, result.Exception switch
        {
            SecurityTokenExpiredException => "The bearer token has expired; mint a new one.",
            SecurityTokenNotYetValidException => "The bearer token is not valid yet.",
            SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The bearer token's signature is not valid.",
            SecurityTokenInvalidIssuerException or SecurityTokenInvalidAudienceException => "The bearer token was issued for another service.",
            _ => "The bearer token is not valid.",
        });
    }
}
