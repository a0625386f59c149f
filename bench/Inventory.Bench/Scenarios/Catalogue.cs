namespace Inventory.Bench.Scenarios;

/// <summary>
/// Every position the run seeds, numbered so workers can tally acknowledged units in plain arrays. Both systems are
/// seeded from the same catalogue.
/// </summary>
public sealed class Catalogue
{
    public const string WarehouseA = "WH-A";
    public const string WarehouseB = "WH-B";
    public const string WarmupGroup = "warmup";

    private readonly List<Position> _positions = [];

    public IReadOnlyList<Position> Positions => _positions;

    public IReadOnlyList<string> Warehouses { get; } = [WarehouseA, WarehouseB];

    public IEnumerable<string> Skus => _positions.Select(p => p.Sku).Distinct(StringComparer.Ordinal);

    public Position Add(string warehouse, string sku, int stock, string group)
    {
        var position = new Position(_positions.Count, warehouse, sku, stock, group);
        _positions.Add(position);
        return position;
    }

    public IEnumerable<Position> InGroup(string group) => _positions.Where(p => p.Group == group);
}
