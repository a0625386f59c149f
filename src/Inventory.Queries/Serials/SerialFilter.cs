namespace Inventory.Queries.Serials;

/// <summary>Which serial items to list, in (sku, serial) order after (<see cref="AfterSku"/>, <see cref="AfterSerial"/>).</summary>
public sealed record SerialFilter(string? Sku, string? Warehouse, string? Status, string? Reference, string? AfterSku, string? AfterSerial, int Limit);
