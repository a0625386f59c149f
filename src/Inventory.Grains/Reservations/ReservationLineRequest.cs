namespace Inventory.Grains.Reservations;

public sealed record ReservationLineRequest(string Warehouse, string Sku, decimal Quantity);
