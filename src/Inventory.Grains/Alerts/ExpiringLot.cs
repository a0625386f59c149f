namespace Inventory.Grains.Alerts;

/// <summary>A lot with stock left that expires within the alert horizon (negative days: already expired).</summary>
[GenerateSerializer, Alias("inv.ExpiringLot"), Immutable]
public sealed record ExpiringLot(string? Lot, decimal Quantity, DateOnly ExpiresOn, int DaysLeft);
