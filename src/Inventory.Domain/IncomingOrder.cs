namespace Inventory.Domain;

/// <summary>Stock on order for a position (incoming: not on hand, not sellable) under one purchase order.</summary>
[GenerateSerializer, Alias("inv.IncomingOrder"), Immutable]
public sealed record IncomingOrder(string PurchaseOrder, decimal Quantity, string? Supplier = null);
