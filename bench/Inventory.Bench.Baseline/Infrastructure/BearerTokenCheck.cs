using Inventory.Tokens;

namespace Inventory.Bench.Baseline.Infrastructure;

/// <summary>
/// Every /api request needs a valid bearer token, checked by the real server's <see cref="TokenService"/> (the same
/// validation and the same cache of validated tokens, so both systems pay alike); the user it names is what the
/// ledger records.
/// </summary>
public sealed class BearerTokenCheck(RequestDelegate next, TokenService tokens)
{
    public const string UserItem = "user";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var identity = header.StartsWith("Bearer ", StringComparison.Ordinal) ? (await tokens.ValidateAsync(header[7..])).Identity : null;
        if (identity is not { Name.Length: > 0 } || !identity.HasClaim(c => c.Type == TokenService.RoleClaim))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        context.Items[UserItem] = identity.Name;
        await next(context);
    }
}
