namespace Inventory.Runtime;

/// <summary>A stored state and its version (the ETag): pass the version back to write or delete it.</summary>
public sealed record StoredState<T>(T State, long Version);
