namespace Inventory.Domain;

/// <summary>
/// What a successful operation did: the entries it appended (empty when <see cref="Replayed"/> is true,
/// i.e. the same reservation id or request id was seen before and the first result is returned) and the levels after it.
/// </summary>
[GenerateSerializer, Alias("inv.Movement"), Immutable]
public sealed record Movement(
    IReadOnlyList<LedgerEntry> Entries,
    decimal OnHand,
    decimal Reserved,
    decimal CostOfGoods = 0m,
    bool Replayed = false)
{
    [Id(5)]
    private readonly decimal? _available;

    /// <summary>Sellable and unpromised after the operation (<see cref="StockPosition.AvailableOn"/>); OnHand - Reserved when not given.</summary>
    public decimal Available
    {
        get => _available ?? OnHand - Reserved;
        init => _available = value;
    }

    /// <summary>The layers the operation (or, for a replay, the first one) drew from, with their lots and charged costs.</summary>
    [Id(6)]
    public IReadOnlyList<LayerDraw> Draws { get; init; } = [];
}
