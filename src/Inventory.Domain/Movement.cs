namespace Inventory.Domain;

/// <summary>
/// What a successful operation did: the entries it appended (empty when <see cref="Replayed"/> is true,
/// i.e. the same reservation id or request id was seen before and the first result is returned) and the levels after it.
/// </summary>
public sealed record Movement(
    IReadOnlyList<LedgerEntry> Entries,
    decimal OnHand,
    decimal Reserved,
    decimal CostOfGoods = 0m,
    bool Replayed = false)
{
    public decimal Available => OnHand - Reserved;
}
