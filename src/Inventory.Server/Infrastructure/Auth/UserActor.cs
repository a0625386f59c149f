using System.Security.Claims;
using Inventory.Domain;

namespace Inventory.Server.Infrastructure.Auth;

/// <summary>The <see cref="Actor"/> recorded on ledger entries: the token's user and its most privileged role.</summary>
public static class UserActor
{
    public static Actor Of(ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? "anonymous";
        var roles = RolesOf(user).ToHashSet(StringComparer.Ordinal);
        var role = Roles.All.FirstOrDefault(roles.Contains) ?? roles.FirstOrDefault() ?? "none";
        return new Actor(name, role);
    }

    /// <summary>The user's roles, from whichever claim their token's issuer uses for roles (ours: "role").</summary>
    public static IEnumerable<string> RolesOf(ClaimsPrincipal user) =>
        user.Identities.SelectMany(i => i.FindAll(i.RoleClaimType)).Select(c => c.Value);
}
