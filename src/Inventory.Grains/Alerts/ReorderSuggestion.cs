namespace Inventory.Grains.Alerts;

/// <summary>
/// What to order for a low or empty position. <see cref="Quantity"/> is the position's reorder quantity when set,
/// else what brings available up to max stock (or to reorder point + safety stock); lead time and supplier come
/// from the product when the catalog has them, else null.
/// </summary>
[GenerateSerializer, Alias("inv.ReorderSuggestion"), Immutable]
public sealed record ReorderSuggestion(decimal? Quantity, int? LeadTimeDays, string? PreferredSupplier, DateOnly? ExpectedBy);
