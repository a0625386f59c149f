using Inventory.Grains.Positions;

namespace Inventory.Grains.Maintenance;

/// <summary>
/// What the admin tooling shows of the activations in the cluster: the silos of the cluster with their status (Orleans'
/// membership), per grain class and silo the count (Orleans' management grain; Orleans' own system grains included),
/// and the hottest stock positions of the silo that answers (<see cref="Silo"/>; calls per second since activation,
/// calls waiting for their commit).
/// </summary>
public sealed record GrainsOverview(DateTimeOffset At, string Silo, IReadOnlyList<SiloState> Silos, int Activations,
    IReadOnlyList<GrainTypeSummary> Types, IReadOnlyList<HotGrain> HottestPositions)
{
    public const int DefaultTop = 10;

    public static async Task<GrainsOverview> ReadAsync(IGrainFactory grains, ActivePositions positions, SiloAddress silo, TimeProvider time,
        int top = DefaultTop)
    {
        var hosts = await grains.Management().GetHosts(onlyActive: false);
        var silos = hosts.Select(h => new SiloState(h.Key.ToString(), h.Value.ToString()))
            .OrderBy(s => s.Silo, StringComparer.Ordinal).ToList();
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
        return new GrainsOverview(time.GetUtcNow(), silo.ToString(), silos, types.Sum(t => t.Activations), types, hottest);
    }

    /// <summary>"Inventory.Grains.Positions.StockPositionGrain,Inventory.Grains" → "StockPositionGrain".</summary>
    private static string ClassName(string typeName)
    {
        var name = typeName.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}

/// <summary>One silo of the cluster and its membership status (Active, Dead, ...).</summary>
public sealed record SiloState(string Silo, string Status);
