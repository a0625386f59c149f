using System.Security.Claims;
using Inventory.Server.Infrastructure.Auth;

namespace Inventory.Server.Hubs;

/// <summary>
/// SignalR group names. Stock groups exist per visibility tier: "full" for roles that may see costs (those of the
/// valuation policy), "levels" for everyone else, so a viewer's copy of an event never carries costs.
/// </summary>
public static class HubGroups
{
    public const string Full = "full";
    public const string Levels = "levels";
    public const string Alerts = "alerts";
    public const string Metrics = "metrics";

    public static string Warehouse(string warehouse, string tier) => $"warehouse:{tier}:{warehouse}";

    public static string Sku(string sku, string tier) => $"sku:{tier}:{sku}";

    /// <summary>The tier of a user: full when one of their roles may see valuations.</summary>
    public static string TierOf(ClaimsPrincipal? user)
    {
        var costRoles = Policies.Matrix[Policies.Valuation];
        return user is not null && UserActor.RolesOf(user).Any(costRoles.Contains) ? Full : Levels;
    }
}
