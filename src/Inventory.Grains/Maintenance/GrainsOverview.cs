using Inventory.Grains.Positions;
using Inventory.Runtime;

namespace Inventory.Grains.Maintenance;

/// <summary>
/// What the admin tooling shows of the activations in memory: per grain type the count, queued calls, idle age and
/// oldest waiting call; and the hottest stock positions by calls per second.
/// </summary>
public sealed record GrainsOverview(DateTimeOffset At, int Activations, IReadOnlyList<GrainTypeSummary> Types, IReadOnlyList<HotGrain> HottestPositions)
{
    public const int DefaultTop = 10;

    public static GrainsOverview Of(IReadOnlyList<ActivationInfo> activations, DateTimeOffset at, int top = DefaultTop)
    {
        var types = activations
            .GroupBy(a => a.Id.Type, StringComparer.Ordinal)
            .Select(g => new GrainTypeSummary(
                g.Key,
                g.Count(),
                g.Sum(a => a.MailboxDepth),
                g.Max(a => a.MailboxDepth),
                g.Min(a => a.IdleFor.TotalSeconds),
                g.Max(a => a.IdleFor.TotalSeconds),
                g.Max(a => a.OldestCallAge?.TotalSeconds),
                g.Sum(a => a.CallsPerSecond),
                g.Sum(a => a.CallsTotal)))
            .OrderByDescending(t => t.Activations)
            .ThenBy(t => t.Type, StringComparer.Ordinal)
            .ToList();
        var hottest = activations
            .Where(a => a.Id.Type == nameof(IStockPositionGrain))
            .OrderByDescending(a => a.CallsPerSecond)
            .ThenByDescending(a => a.MailboxDepth)
            .ThenByDescending(a => a.CallsTotal)
            .Take(Math.Max(0, top))
            .Select(HotGrain.Of)
            .ToList();
        return new GrainsOverview(at, activations.Count, types, hottest);
    }
}
