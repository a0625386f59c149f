namespace Inventory.Grains.Alerts;

/// <summary>What the catalog knows about replenishing a product.</summary>
public sealed record SupplyInfo(int? LeadTimeDays, string? PreferredSupplier);
