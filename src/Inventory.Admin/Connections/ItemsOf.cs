namespace Inventory.Admin.Connections;

/// <summary>The server's list envelope: { "items": [...] }.</summary>
public sealed record ItemsOf<T>(IReadOnlyList<T> Items);
