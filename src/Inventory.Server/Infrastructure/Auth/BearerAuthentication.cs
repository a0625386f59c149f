using Inventory.Server.Hubs;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Inventory.Server.Infrastructure.Auth;

/// <summary>
/// "Authorization: Bearer &lt;JWT&gt;" through ASP.NET Core's JwtBearer handler: the service's own HS256 tokens
/// (<see cref="TokenService"/>, with its cache of validated tokens) and, when <c>Auth:Authority</c> is set, the tokens
/// of an external OpenID Connect provider (keys from its discovery document, audience <c>Auth:Audience</c>, roles from
/// <c>Auth:RoleClaim</c>). The token's issuer picks which. The hub also takes the token from the <c>access_token</c>
/// query parameter (browsers cannot set headers on WebSocket and Server-Sent Events requests), and only the hub.
/// Challenges and refusals are answered as problem details (UNAUTHORIZED, FORBIDDEN).
/// </summary>
public static class BearerAuthentication
{
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;
    public const string LocalScheme = "Bearer.Inventory";
    public const string ExternalScheme = "Bearer.External";
    public const string Section = "Auth";
    private const string ErrorKey = "auth.error";

    public static AuthenticationBuilder AddBearerAuthentication(this IServiceCollection services, IConfiguration configuration, TokenService tokens)
    {
        var section = configuration.GetSection(Section);
        var authority = section["Authority"];
        var builder = services.AddAuthentication(SchemeName);
        if (string.IsNullOrEmpty(authority))
            return builder.AddJwtBearer(SchemeName, o => Local(o, tokens));

        builder.AddJwtBearer(LocalScheme, o => Local(o, tokens));
        builder.AddJwtBearer(ExternalScheme, o =>
        {
            o.Authority = authority;
            o.Audience = section["Audience"] ?? throw new InvalidOperationException("Auth:Authority needs Auth:Audience: the audience its tokens are issued for.");
            o.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true);
            o.MapInboundClaims = false;
            o.TokenValidationParameters.NameClaimType = section["NameClaim"] ?? "sub";
            o.TokenValidationParameters.RoleClaimType = section["RoleClaim"] ?? "roles";
            o.Events = Events();
        });
        return builder.AddPolicyScheme(SchemeName, SchemeName, o => o.ForwardDefaultSelector = context =>
            IssuerOf(context) is { } issuer && !string.Equals(issuer, TokenService.Issuer, StringComparison.Ordinal) ? ExternalScheme : LocalScheme);
    }

    private static void Local(JwtBearerOptions options, TokenService tokens)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = tokens.Parameters;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(tokens.Handler);
        options.Events = Events();
    }

    private static JwtBearerEvents Events() => new()
    {
        OnMessageReceived = context =>
        {
            if (HubQueryToken(context.Request) is { } token)
                context.Token = token;
            return Task.CompletedTask;
        },
        OnTokenValidated = context =>
        {
            if (string.IsNullOrEmpty(context.Principal?.Identity?.Name))
                context.Fail("The bearer token names no user.");
            return Task.CompletedTask;
        },
        OnAuthenticationFailed = context =>
        {
            context.HttpContext.Items[ErrorKey] = context.Exception is SecurityTokenValidationException { Message: var message }
                && context.Scheme.Name != ExternalScheme
                ? message // TokenService's own words
                : TokenService.Refusal(context.Exception);
            return Task.CompletedTask;
        },
        OnChallenge = async context =>
        {
            context.HandleResponse();
            var error = context.HttpContext.Items[ErrorKey] as string ?? (context.AuthenticateFailure is { Message: var m } ? m : null);
            context.Response.Headers.WWWAuthenticate = error is null ? "Bearer" : "Bearer error=\"invalid_token\"";
            await ProblemWriter.WriteAsync(context.HttpContext, HttpErrorCodes.Unauthorized, error ?? (context.Request.Path.StartsWithSegments(StockHub.Path)
                ? "The hub needs a bearer token: the Authorization header or the access_token query parameter."
                : "A bearer token is required: send 'Authorization: Bearer <token>' (mint one with the 'token' command)."));
        },
        OnForbidden = async context =>
        {
            var roles = UserActor.RolesOf(context.HttpContext.User).ToArray();
            var required = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()?.Policy;
            var allowed = required is not null && Policies.Matrix.TryGetValue(required, out var r) ? r : [];
            await ProblemWriter.WriteAsync(context.HttpContext, HttpErrorCodes.Forbidden,
                $"Role {(roles.Length == 0 ? "(none)" : string.Join(", ", roles))} may not do this" +
                (allowed.Length > 0 ? $"; it needs one of: {string.Join(", ", allowed)}." : "."),
                new Dictionary<string, object?> { ["roles"] = roles, ["allowedRoles"] = allowed });
        },
    };

    /// <summary>The hub's token from the access_token query parameter, when no Authorization header is sent.</summary>
    private static string? HubQueryToken(HttpRequest request) =>
        string.IsNullOrEmpty(request.Headers.Authorization) && request.Path.StartsWithSegments(StockHub.Path)
            && request.Query.TryGetValue("access_token", out var token) ? token.ToString() : null;

    /// <summary>The issuer a bearer token claims (unverified: it only picks the scheme that verifies it).</summary>
    private static string? IssuerOf(HttpContext context)
    {
        string? header = context.Request.Headers.Authorization;
        var token = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim()
            : HubQueryToken(context.Request);
        if (string.IsNullOrEmpty(token))
            return null;
        try
        {
            return new JsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
