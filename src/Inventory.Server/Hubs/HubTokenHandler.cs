using System.Security.Claims;
using System.Text.Encodings.Web;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Inventory.Server.Hubs;

/// <summary>
/// The hub's authentication: the same HS256 JWT as the API (<see cref="TokenService"/>), from the Authorization
/// header or, because browsers cannot set headers on WebSocket and Server-Sent Events requests, from the
/// <c>access_token</c> query parameter (SignalR's convention). Only used by the hub endpoints, so the query
/// parameter is never accepted elsewhere.
/// </summary>
public sealed class HubTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HubToken";
    private const string ErrorKey = "hub.auth.error";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = null;
        string? header = Request.Headers.Authorization;
        if (!string.IsNullOrEmpty(header) && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            token = header["Bearer ".Length..].Trim();
        else if (Request.Query.TryGetValue("access_token", out var query))
            token = query.ToString();
        if (string.IsNullOrEmpty(token))
            return AuthenticateResult.NoResult();

        var (identity, error) = await tokens.ValidateAsync(token);
        if (identity is null)
        {
            Context.Items[ErrorKey] = error;
            return AuthenticateResult.Fail(error!);
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(identity.Claims, SchemeName, TokenService.SubjectClaim, TokenService.RoleClaim));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await ProblemWriter.WriteAsync(Context, HttpErrorCodes.Unauthorized,
            Context.Items[ErrorKey] as string ?? "The hub needs a bearer token: the Authorization header or the access_token query parameter.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemWriter.WriteAsync(Context, HttpErrorCodes.Forbidden, "This role may not use the stock hub.");
}
