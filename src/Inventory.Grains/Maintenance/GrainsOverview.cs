using Inventory.Grains.Positions;

namespace Inventory.Grains.Maintenance;

/// <summary>
/// What the admin tooling shows of the activations in the cluster: per grain class and silo the count (Orleans'
/// management grain; Orleans' own system grains included), and the hottest stock positions of the silo that answers (calls per second since activation,
/// calls waiting for their commit).
/// </summary>
public sealed record GrainsOverview(DateTimeOffset At, int Activations, IReadOnlyList<GrainTypeSummary> Types, IReadOnlyList<HotGrain> HottestPositions)
{
    public const int DefaultTop = 10;

    public static async Task<GrainsOverview> ReadAsync(IGrainFactory grains, ActivePositions positions, TimeProvider time, int top = DefaultTop)
    {
        var statistics = await grains.Management().GetSimpleGrainStatistics();
        var types = statistics
            .GroupBy(s => ClassName(s.GrainType), StringComparer.Ordinal)
            .Select(g => new GrainTypeSummary(g.Key, g.Sum(s => s.ActivationCount),
                g.OrderBy(s => s.SiloAddress.ToString(), StringComparer.Ordinal).Select(s => new SiloActivations(s.SiloAddress.ToString(), s.ActivationCount)).ToList()))
            .OrderByDescending(t => t.Activations)
            .ThenBy(t => t.Type, StringComparer.Ordinal)
            .ToList();
        var now = time.GetTimestamp();
        var hottest = positions.Hottest(top).Select(p => HotGrain.Of(p.Position, p.Calls, time, now)).ToList();
        return new GrainsOverview(time.GetUtcNow(), types.Sum(t => t.Activations), types, hottest);
    }

    /// <summary>"Inventory.Grains.Positions.StockPositionGrain,Inventory.Grains" → "StockPositionGrain".</summary>
    private static string ClassName(string typeName)
    {
        var name = typeName.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
