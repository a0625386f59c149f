using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Inventory.Server.Infrastructure.Auth;

/// <summary>
/// What each role may do. One policy per capability; endpoints name the capability, never a role, so the whole
/// matrix is this one table (documented in docs/api.md, "Roles").
/// </summary>
public static class Policies
{
    /// <summary>Every GET of stock, ledgers, reservations, transfers, products and warehouses.</summary>
    public const string Read = "read";
    /// <summary>Create, commit, release and extend reservations.</summary>
    public const string Reserve = "reserve";
    /// <summary>Receipts (single and bulk).</summary>
    public const string Receive = "receive";
    /// <summary>Adjustments (single and bulk), counts, returns and transfers.</summary>
    public const string MoveStock = "move-stock";
    /// <summary>Create and update products.</summary>
    public const string ManageProducts = "manage-products";
    /// <summary>Create and update warehouses and stock policies.</summary>
    public const string ManageWarehouses = "manage-warehouses";
    /// <summary>Valuation reports.</summary>
    public const string Valuation = "valuation";
    /// <summary>/api/v1/admin/*: reconcile and runtime inspection.</summary>
    public const string Admin = "admin";
    /// <summary>invoice.created / cancelled / paid events; moving a serial item to reserved, available or sold.</summary>
    public const string SellSerials = "sell-serials";
    /// <summary>order.delivered events; moving a serial item to delivered.</summary>
    public const string DeliverSerials = "deliver-serials";
    /// <summary>The gate of the serial events endpoint (either of the two above; the event's own capability is checked next).</summary>
    public const string SerialEvents = "serial-events";
    /// <summary>Create and replace bills of materials.</summary>
    public const string ManageBoms = "manage-boms";
    /// <summary>Create, complete and cancel work orders.</summary>
    public const string Manufacture = "manufacture";
    /// <summary>Movement history and analytics reports.</summary>
    public const string Reports = "reports";
    /// <summary>Approve or reject corrections above the approval limit (never one's own).</summary>
    public const string Approve = "approve";
    /// <summary>Acknowledge an open alert with a note.</summary>
    public const string AcknowledgeAlerts = "acknowledge-alerts";

    public static readonly IReadOnlyDictionary<string, string[]> Matrix = new Dictionary<string, string[]>
    {
        [Read] = [.. Roles.All],
        [Reserve] = [Roles.SalesStaff, Roles.Manager, Roles.Admin],
        [Receive] = [Roles.WarehouseStaff, Roles.Purchaser, Roles.Manager, Roles.Admin],
        [MoveStock] = [Roles.WarehouseStaff, Roles.Manager, Roles.Admin],
        [ManageProducts] = [Roles.Purchaser, Roles.Manager, Roles.Admin],
        [ManageWarehouses] = [Roles.Manager, Roles.Admin],
        [Valuation] = [Roles.Manager, Roles.Admin],
        [Admin] = [Roles.Admin],
        [SellSerials] = [Roles.SalesStaff, Roles.Manager, Roles.Admin],
        [DeliverSerials] = [Roles.WarehouseStaff, Roles.Manager, Roles.Admin],
        [SerialEvents] = [Roles.WarehouseStaff, Roles.SalesStaff, Roles.Manager, Roles.Admin],
        [ManageBoms] = [Roles.Manager, Roles.Admin],
        [Manufacture] = [Roles.WarehouseStaff, Roles.Manager, Roles.Admin],
        [Reports] = [.. Roles.All],
        [Approve] = [Roles.Manager, Roles.Admin],
        [AcknowledgeAlerts] = [Roles.WarehouseStaff, Roles.Purchaser, Roles.Manager, Roles.Admin],
    };

    /// <summary>The capabilities <paramref name="user"/>'s roles grant.</summary>
    public static IReadOnlyList<string> Of(ClaimsPrincipal user) =>
        [.. Matrix.Where(capability => capability.Value.Any(user.IsInRole)).Select(capability => capability.Key)];

    public static void Add(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in Matrix)
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        options.FallbackPolicy = null;
    }
}
