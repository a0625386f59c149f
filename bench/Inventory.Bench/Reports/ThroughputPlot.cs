using System.Globalization;
using ScottPlot;

namespace Inventory.Bench.Reports;

/// <summary>
/// Throughput against concurrency as a PNG (ScottPlot): one line per scenario and system (actors solid, row-lock
/// dashed, the HTTP ceiling dotted grey), log-scaled axes, a legend and axis labels.
/// </summary>
public static class ThroughputPlot
{
    private const int Width = 1100;
    private const int Height = 640;

    private static readonly Dictionary<string, Color> Colors = new()
    {
        ["hot"] = Color.FromHex("#d62728"),
        ["zipf"] = Color.FromHex("#1f77b4"),
        ["carts"] = Color.FromHex("#2ca02c"),
        [BenchResults.Ceiling] = Color.FromHex("#828282"),
    };

    public static byte[] Render(BenchResults results)
    {
        var plot = new Plot();
        plot.Title("Reservations per second vs concurrent clients (log scales, higher is better)");
        plot.XLabel("Concurrent clients (closed loop)");
        plot.YLabel("Successful reservations / s");

        var runs = results.Runs.Select(r => r.Measurement).Where(r => r.SuccessesPerSecond > 0).ToList();
        var concurrencies = runs.Select(r => r.Concurrency).Distinct().Order().ToList();
        foreach (var group in runs.GroupBy(r => (r.Scenario, r.System)).OrderBy(g => g.Key.Scenario == BenchResults.Ceiling ? 1 : 0))
        {
            var points = group.OrderBy(r => r.Concurrency).ToList();
            // Plotted as logarithms (2 for clients, 10 for throughput); the ticks below name the real values.
            var line = plot.Add.Scatter(points.Select(r => Math.Log2(r.Concurrency)).ToArray(), points.Select(r => Math.Log10(r.SuccessesPerSecond)).ToArray());
            var ceiling = group.Key.Scenario == BenchResults.Ceiling;
            var actors = group.Key.System == BenchResults.Actors;
            line.Color = Colors.GetValueOrDefault(group.Key.Scenario, Color.FromHex("#000000"));
            line.LineWidth = actors && !ceiling ? 3 : 2;
            line.LinePattern = ceiling ? LinePattern.Dotted : actors ? LinePattern.Solid : LinePattern.Dashed;
            line.MarkerSize = actors ? 9 : 7;
            line.LegendText = ceiling ? "HTTP ceiling (GET)" : $"{MarkdownReport.Title(group.Key.Scenario)}: {(actors ? "actors (this service)" : "row-lock baseline")}";
        }

        plot.Axes.Bottom.SetTicks(concurrencies.Select(c => Math.Log2(c)).ToArray(),
            concurrencies.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("N0", CultureInfo.InvariantCulture),
        };
        if (concurrencies.Count > 0)
            plot.Axes.SetLimitsX(Math.Log2(concurrencies[0]) - 0.3, Math.Log2(concurrencies[^1]) + 0.3);
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
