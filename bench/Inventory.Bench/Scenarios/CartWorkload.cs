namespace Inventory.Bench.Scenarios;

/// <summary>
/// Multi-line carts: 3-5 distinct lines, each in one of two warehouses, SKUs drawn with the catalogue's Zipf
/// popularity, 1-3 units a line. All or nothing; stock is ample.
/// </summary>
public sealed class CartWorkload(Catalogue catalogue, IReadOnlyList<Position> warehouseA, IReadOnlyList<Position> warehouseB, ZipfSampler sampler) : IWorkload
{
    public string Name => "carts";

    public bool SellsOut => false;

    public WorkItem Next(Random random, bool isWarmup)
    {
        var count = 3 + random.Next(3);
        var positions = new int[count];
        var quantities = new int[count];
        for (var i = 0; i < count; i++)
        {
            int index;
            do
            {
                var side = random.Next(2) == 0 ? warehouseA : warehouseB;
                index = side[sampler.Next(random)].Index;
            }
            while (Array.IndexOf(positions, index, 0, i) >= 0);
            positions[i] = index;
            quantities[i] = 1 + random.Next(3);
        }
        return ReservationBody.Create(catalogue, positions, quantities, "bench-carts");
    }
}
