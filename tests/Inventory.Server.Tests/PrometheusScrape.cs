using System.Globalization;
using System.Text.RegularExpressions;

namespace Inventory.Server.Tests;

/// <summary>A parsed Prometheus text scrape: every sample with its labels, and each family's declared type.</summary>
public sealed partial class PrometheusScrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public Dictionary<string, string> Types { get; } = new(StringComparer.Ordinal);

    public static PrometheusScrape Parse(string text)
    {
        var scrape = new PrometheusScrape();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                scrape.Types[parts[2]] = parts[3];
                continue;
            }

            if (line.StartsWith('#')) continue;
            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"Not a Prometheus sample line: {line}");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in Label().Matches(sample.Groups["labels"].Value))
                labels[label.Groups[1].Value] = Regex.Unescape(label.Groups[2].Value);
            var value = sample.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var number => double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            scrape._samples.Add((sample.Groups["name"].Value, labels, value));
        }

        return scrape;
    }

    public bool Has(string name) => _samples.Any(s => s.Name == name);

    /// <summary>The sum of the samples named so whose labels include every "label=value" given (0 when none).</summary>
    public double Sum(string name, params string[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l[..l.IndexOf('=')], out var v) && v == l[(l.IndexOf('=') + 1)..]))
            .Sum(s => s.Value);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
