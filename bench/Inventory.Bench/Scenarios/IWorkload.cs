namespace Inventory.Bench.Scenarios;

/// <summary>A stream of requests: every worker draws from it with its own seeded random.</summary>
public interface IWorkload
{
    string Name { get; }

    /// <summary>True when running out of stock is part of the scenario: then throughput counts until the sell-out.</summary>
    bool SellsOut { get; }

    WorkItem Next(Random random, bool warmup);
}
