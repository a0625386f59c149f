namespace Inventory.Bench.Scenarios;

/// <summary>
/// One request a worker sends. For reservations, <see cref="Positions"/>/<see cref="Quantities"/> say what a 201
/// acknowledges, so the worker can tally it for the oversell check.
/// </summary>
public sealed record WorkItem(HttpMethod Method, string Path, byte[]? Body, int[] Positions, int[] Quantities)
{
    public static WorkItem Get(string path) => new(HttpMethod.Get, path, null, [], []);
}
