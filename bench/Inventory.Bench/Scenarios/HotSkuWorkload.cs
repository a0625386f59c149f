namespace Inventory.Bench.Scenarios;

/// <summary>Flash sale: every buyer reserves one unit of the same SKU until it is gone; refusals (409) are expected.</summary>
public sealed class HotSkuWorkload(Catalogue catalogue, Position hot, Position warmup) : IWorkload
{
    public string Name => "hot";

    public bool SellsOut => true;

    public WorkItem Next(Random random, bool isWarmup) =>
        ReservationBody.Create(catalogue, [isWarmup ? warmup.Index : hot.Index], [1], "bench-hot");
}
