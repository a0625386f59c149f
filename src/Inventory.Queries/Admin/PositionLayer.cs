namespace Inventory.Queries.Admin;

/// <summary>One remaining cost layer of a position.</summary>
public sealed record PositionLayer(long Id, decimal Quantity, decimal UnitCost, decimal Value, DateTimeOffset ReceivedAt, string? Lot, DateOnly? ExpiresOn);
