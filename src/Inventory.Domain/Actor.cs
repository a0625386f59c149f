namespace Inventory.Domain;

/// <summary>Who performs an operation: recorded on every ledger entry.</summary>
[GenerateSerializer, Alias("inv.Actor"), Immutable]
public sealed record Actor(string User, string Role)
{
    public static readonly Actor System = new("system", "system");
}
