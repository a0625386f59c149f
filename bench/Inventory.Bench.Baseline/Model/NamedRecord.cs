namespace Inventory.Bench.Baseline.Model;

/// <summary>Body of the catalog PUTs: the baseline keeps only the name (the rest of the server's fields are ignored).</summary>
public sealed record NamedRecord(string? Name);
