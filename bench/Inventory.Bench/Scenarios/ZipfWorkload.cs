namespace Inventory.Bench.Scenarios;

/// <summary>A catalogue with Zipf-like popularity: each request reserves 1-2 units of one SKU, stock is ample.</summary>
public sealed class ZipfWorkload(Catalogue catalogue, IReadOnlyList<Position> byRank, ZipfSampler sampler) : IWorkload
{
    public string Name => "zipf";

    public bool SellsOut => false;

    public WorkItem Next(Random random, bool warmup) =>
        ReservationBody.Create(catalogue, [byRank[sampler.Next(random)].Index], [1 + random.Next(2)], "bench-zipf");
}
