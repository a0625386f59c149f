using Inventory.Tokens;
using System.Security.Claims;
using Inventory.Domain;

namespace Inventory.Server.Infrastructure.Auth;

/// <summary>The <see cref="Actor"/> recorded on ledger entries: the token's user and its most privileged role.</summary>
public static class UserActor
{
    public static Actor Of(ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? "anonymous";
        var roles = user.FindAll(TokenService.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var role = Roles.All.FirstOrDefault(roles.Contains) ?? roles.FirstOrDefault() ?? "none";
        return new Actor(name, role);
    }
}
