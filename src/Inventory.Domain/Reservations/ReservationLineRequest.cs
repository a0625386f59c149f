namespace Inventory.Domain.Reservations;

[GenerateSerializer, Alias("inv.ReservationLineRequest"), Immutable]
public sealed record ReservationLineRequest(string Warehouse, string Sku, decimal Quantity);
