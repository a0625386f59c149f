namespace Inventory.Queries.Admin;

/// <summary>Stock of one lot (its layers added up); <see cref="DaysToExpiry"/> is negative once expired.</summary>
public sealed record PositionLot(string Lot, DateOnly? ExpiresOn, decimal Quantity, int? DaysToExpiry);
