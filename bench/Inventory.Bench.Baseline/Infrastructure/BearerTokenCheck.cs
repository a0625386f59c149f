namespace Inventory.Bench.Baseline.Infrastructure;

/// <summary>Every /api request needs a valid bearer token; the user it names is what the ledger records.</summary>
public sealed class BearerTokenCheck(RequestDelegate next, TokenValidator validator)
{
    public const string UserItem = "user";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
            return next(context);

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !validator.TryValidate(header[7..], out var user))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }
        context.Items[UserItem] = user;
        return next(context);
    }
}
