using System.Globalization;

namespace Inventory.Bench.Reports;

/// <summary>
/// Throughput against concurrency as a PNG: one line per scenario and system (actors solid, row-lock dashed, the HTTP
/// ceiling dotted grey), log-scaled axes, a legend and axis labels.
/// </summary>
public static class ThroughputPlot
{
    private const int Width = 1100;
    private const int Height = 640;
    private const int Left = 100;
    private const int Right = 330;
    private const int Top = 60;
    private const int Bottom = 80;

    private static readonly Dictionary<string, Rgba> Colors = new()
    {
        ["hot"] = new Rgba(214, 39, 40),
        ["zipf"] = new Rgba(31, 119, 180),
        ["carts"] = new Rgba(44, 160, 44),
        [BenchResults.Ceiling] = new Rgba(130, 130, 130),
    };

    public static byte[] Render(BenchResults results)
    {
        var canvas = new Canvas(Width, Height, Rgba.White);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var runs = results.Runs.Select(r => r.Measurement).Where(r => r.SuccessesPerSecond > 0).ToList();
        var concurrencies = runs.Select(r => r.Concurrency).Distinct().Order().ToList();
        if (runs.Count == 0)
            return canvas.ToPng();

        // Axes: log2 for clients, log10 for throughput, padded to whole 1-2-5 steps.
        double xMin = Math.Log2(concurrencies[0]), xMax = Math.Log2(concurrencies[^1]);
        if (xMax - xMin < 1e-9) { xMin -= 1; xMax += 1; }
        var yMin = Math.Pow(10, Math.Floor(Math.Log10(runs.Min(r => r.SuccessesPerSecond))));
        var yMax = Math.Pow(10, Math.Ceiling(Math.Log10(runs.Max(r => r.SuccessesPerSecond))));
        if (yMax <= yMin) yMax = yMin * 10;
        double X(double c) => Left + 30 + (Math.Log2(c) - xMin) / (xMax - xMin) * (plotWidth - 60);
        double Y(double v) => Top + plotHeight - (Math.Log10(v) - Math.Log10(yMin)) / (Math.Log10(yMax) - Math.Log10(yMin)) * plotHeight;

        canvas.DrawText(Left, 20, "RESERVATIONS PER SECOND VS CONCURRENT CLIENTS  (LOG SCALES, HIGHER IS BETTER)", Rgba.Black, 2);

        for (var decade = yMin; decade < yMax * 1.001; decade *= 10)
        {
            foreach (var step in new[] { 1, 2, 5 })
            {
                var v = decade * step;
                if (v > yMax * 1.001) break;
                var y = Y(v);
                canvas.DrawLine(Left, y, Left + plotWidth, y, step == 1 ? Rgba.Grid : new Rgba(242, 242, 242));
                var label = v.ToString("N0", CultureInfo.InvariantCulture);
                canvas.DrawText(Left - 8 - Canvas.TextWidth(label), (int)y - 3, label, Rgba.Gray);
            }
        }
        foreach (var c in concurrencies)
        {
            var x = X(c);
            canvas.DrawLine(x, Top, x, Top + plotHeight, Rgba.Grid);
            var label = c.ToString(CultureInfo.InvariantCulture);
            canvas.DrawText((int)x - Canvas.TextWidth(label) / 2, Top + plotHeight + 8, label, Rgba.Black, 2);
        }
        canvas.DrawRectangle(Left, Top, plotWidth, plotHeight, Rgba.Black);
        const string xLabel = "CONCURRENT CLIENTS (CLOSED LOOP)";
        canvas.DrawText(Left + plotWidth / 2 - Canvas.TextWidth(xLabel, 2) / 2, Height - 36, xLabel, Rgba.Black, 2);
        const string yLabel = "SUCCESSFUL RESERVATIONS / S";
        canvas.DrawTextVertical(24, Top + plotHeight / 2 + Canvas.TextWidth(yLabel, 2) / 2, yLabel, Rgba.Black, 2);

        var series = runs.GroupBy(r => (r.Scenario, r.System)).OrderBy(g => g.Key.Scenario == BenchResults.Ceiling ? 1 : 0).ToList();
        var legendY = Top + 10;
        foreach (var group in series)
        {
            var color = Colors.GetValueOrDefault(group.Key.Scenario, Rgba.Black);
            var ceiling = group.Key.Scenario == BenchResults.Ceiling;
            var actors = group.Key.System == BenchResults.Actors;
            var (thickness, dash) = ceiling ? (2, 3) : actors ? (3, 0) : (2, 8);
            var points = group.OrderBy(r => r.Concurrency).Select(r => (X: X(r.Concurrency), Y: Y(r.SuccessesPerSecond))).ToList();
            for (var i = 1; i < points.Count; i++)
                canvas.DrawLine(points[i - 1].X, points[i - 1].Y, points[i].X, points[i].Y, color, thickness, dash);
            foreach (var p in points)
                canvas.Dot((int)p.X, (int)p.Y, actors ? 9 : 7, color);

            var lx = Left + plotWidth + 20;
            canvas.DrawLine(lx, legendY + 6, lx + 40, legendY + 6, color, thickness, dash);
            canvas.Dot(lx + 20, legendY + 6, actors ? 9 : 7, color);
            var name = ceiling ? "HTTP CEILING (GET)" : $"{MarkdownReport.Title(group.Key.Scenario)}";
            canvas.DrawText(lx + 50, legendY, name.ToUpperInvariant(), Rgba.Black);
            if (!ceiling)
                canvas.DrawText(lx + 50, legendY + 11, actors ? "ACTORS (THIS SERVICE)" : "ROW-LOCK BASELINE", Rgba.Gray);
            legendY += 30;
        }
        canvas.DrawText(Left + plotWidth + 20, legendY + 10, "SOLID: ACTORS", Rgba.Gray);
        canvas.DrawText(Left + plotWidth + 20, legendY + 22, "DASHED: ROW-LOCK", Rgba.Gray);
        canvas.DrawText(Left + plotWidth + 20, legendY + 34, "DOTTED: HTTP CEILING", Rgba.Gray);
        return canvas.ToPng();
    }
}
