using Inventory.Grains.Positions;

namespace Inventory.Grains.Maintenance;

/// <summary>One busy stock position activation.</summary>
/// <param name="Waiting">Calls applied to memory and waiting for the write that makes them durable.</param>
public sealed record HotGrain(
    string Key,
    double CallsPerSecond,
    long CallsTotal,
    int Waiting,
    double IdleSeconds,
    DateTimeOffset ActivatedAt)
{
    public static HotGrain Of(string key, ActivePositions.Calls calls, TimeProvider time, long now) =>
        new(key, calls.PerSecond(time, now), calls.Total, calls.Waiting, calls.IdleFor(time, now).TotalSeconds, calls.ActivatedAt);
}
