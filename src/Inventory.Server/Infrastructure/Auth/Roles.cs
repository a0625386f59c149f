namespace Inventory.Server.Infrastructure.Auth;

/// <summary>The roles a token may carry (claim "role"). Listed from most to least privileged.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string WarehouseStaff = "warehouse_staff";
    public const string SalesStaff = "sales_staff";
    public const string Purchaser = "purchaser";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, WarehouseStaff, SalesStaff, Purchaser, Viewer];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
