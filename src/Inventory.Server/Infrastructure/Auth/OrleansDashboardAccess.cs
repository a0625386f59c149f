namespace Inventory.Server.Infrastructure.Auth;

/// <summary>
/// Lets a browser open the Orleans Dashboard (admin role only) with the same bearer tokens as the API: open
/// <c>/orleans-dashboard/?access_token=&lt;token&gt;</c> once; the token moves into an HttpOnly cookie limited to the
/// dashboard's path and the page reloads without it in the address. Requests under that path that carry no
/// Authorization header present the cookie's token as one; the Admin policy then decides (401 without a valid token,
/// 403 for other roles).
/// </summary>
public sealed class OrleansDashboardAccess(RequestDelegate next)
{
    public const string Path = "/orleans-dashboard";
    public const string CookieName = "inventory_dashboard_token";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(Path))
            return next(context);

        if (context.Request.Query.TryGetValue("access_token", out var token) && token.Count == 1 && !string.IsNullOrEmpty(token[0]))
        {
            context.Response.Cookies.Append(CookieName, token[0]!, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = Path,
            });
            context.Response.Redirect(context.Request.PathBase + context.Request.Path);
            return Task.CompletedTask;
        }

        if (string.IsNullOrEmpty(context.Request.Headers.Authorization) && context.Request.Cookies.TryGetValue(CookieName, out var saved))
            context.Request.Headers.Authorization = "Bearer " + saved;
        return next(context);
    }
}
