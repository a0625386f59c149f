namespace Inventory.Grains.Serials;

/// <summary>
/// Outcome of registering a receipt's serials: those newly registered, those this receipt had already registered, and
/// (when refused, nothing written) those registered by another receipt.
/// </summary>
[GenerateSerializer, Alias("inv.SerialRegistration"), Immutable]
public sealed record SerialRegistration(IReadOnlyList<string> Registered, IReadOnlyList<string> AlreadyRegistered, IReadOnlyList<string> Conflicts)
{
    public bool Refused => Conflicts.Count > 0;
}
