namespace Inventory.Domain.Reservations;

/// <summary>A line that could not be reserved: how much was asked and how much was available.</summary>
[GenerateSerializer, Alias("inv.LineShortage"), Immutable]
public sealed record LineShortage(string Warehouse, string Sku, decimal Requested, decimal Available);
