using System.Globalization;

namespace Inventory.Admin.Output;

/// <summary>Durations on the command line: 500ms, 90s, 30m, 2h, 1d, or a TimeSpan (00:30:00).</summary>
public static class Durations
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        text = text.Trim();
        value = default;
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)];
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var count) && count >= 0)
            {
                value = TimeSpan.FromSeconds(count * seconds);
                return true;
            }
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
    }

    public const string Help = "e.g. 90s, 30m, 2h, 1d";
}
