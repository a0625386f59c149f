namespace Inventory.Bench.Scenarios;

/// <summary>
/// The HTTP ceiling: an authenticated GET of one position's level, answered from the position's memory without a
/// database write, so it costs HTTP, authentication, routing, JSON and one grain turn.
/// </summary>
public sealed class CeilingWorkload(Position position) : IWorkload
{
    private readonly WorkItem _item = WorkItem.Get($"/api/v1/stock/{Uri.EscapeDataString(position.Warehouse)}/{Uri.EscapeDataString(position.Sku)}");

    public string Name => "ceiling";

    public bool SellsOut => false;

    public WorkItem Next(Random random, bool warmup) => _item;
}
