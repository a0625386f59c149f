namespace Inventory.Grains.Alerts;

/// <summary>What the catalog knows about replenishing a product.</summary>
[GenerateSerializer, Alias("inv.SupplyInfo"), Immutable]
public sealed record SupplyInfo(int? LeadTimeDays, string? PreferredSupplier);
