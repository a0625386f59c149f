using System.Security.Claims;
using System.Text.Encodings.Web;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Inventory.Server.Infrastructure.Auth;

/// <summary>
/// "Authorization: Bearer &lt;JWT&gt;" authentication over <see cref="TokenService"/>. Challenges and refusals are
/// answered as problem details (UNAUTHORIZED, FORBIDDEN).
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string ErrorKey = "auth.error";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
            return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Fail("The Authorization header must be 'Bearer <token>'.");

        var (identity, error) = await tokens.ValidateAsync(header["Bearer ".Length..].Trim());
        if (identity is null)
            return Fail(error!);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(identity.Claims, SchemeName, TokenService.SubjectClaim, TokenService.RoleClaim));
        if (string.IsNullOrEmpty(principal.Identity!.Name))
            return Fail("The bearer token names no user (claim 'sub').");
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var error = Context.Items[ErrorKey] as string;
        Response.Headers.WWWAuthenticate = error is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await ProblemWriter.WriteAsync(Context, HttpErrorCodes.Unauthorized,
            error ?? "A bearer token is required: send 'Authorization: Bearer <token>' (mint one with the 'token' command).");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var roles = Context.User.FindAll(TokenService.RoleClaim).Select(c => c.Value).ToArray();
        var required = Context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()?.Policy;
        var allowed = required is not null && Policies.Matrix.TryGetValue(required, out var r) ? r : [];
        await ProblemWriter.WriteAsync(Context, HttpErrorCodes.Forbidden,
            $"Role {(roles.Length == 0 ? "(none)" : string.Join(", ", roles))} may not do this" +
            (allowed.Length > 0 ? $"; it needs one of: {string.Join(", ", allowed)}." : "."),
            new Dictionary<string, object?> { ["roles"] = roles, ["allowedRoles"] = allowed });
    }

    private AuthenticateResult Fail(string error)
    {
        Context.Items[ErrorKey] = error;
        return AuthenticateResult.Fail(error);
    }
}
