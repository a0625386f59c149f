namespace Inventory.Domain.Reservations;

/// <summary>One line of a reservation; <see cref="CostOfGoods"/> is known once committed.</summary>
[GenerateSerializer, Alias("inv.ReservationLine"), Immutable]
public sealed record ReservationLine(string Warehouse, string Sku, decimal Quantity, decimal? CostOfGoods = null);
