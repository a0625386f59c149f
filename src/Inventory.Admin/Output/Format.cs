using System.Globalization;
using Spectre.Console;

namespace Inventory.Admin.Output;

/// <summary>How values read in tables: invariant numbers without trailing zeros, short ages, UTC times.</summary>
public static class Format
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Number(decimal value) => value.ToString("0.############", C);

    public static string Number(decimal? value) => value is { } v ? Number(v) : "-";

    public static string Money(decimal value) => value.ToString("#,0.00", C);

    public static string Rate(double perSecond) => perSecond.ToString(perSecond >= 100 ? "0" : "0.0", C);

    public static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", C) + "Z" : "-";

    /// <summary>"850ms", "12s", "3m 05s", "2h 10m", "3d 4h".</summary>
    public static string Age(double? seconds)
    {
        if (seconds is not { } s || double.IsNaN(s)) return "-";
        var span = TimeSpan.FromSeconds(Math.Abs(s));
        return span.TotalSeconds < 1 ? $"{span.TotalMilliseconds:0}ms"
            : span.TotalMinutes < 1 ? $"{span.TotalSeconds:0}s"
            : span.TotalHours < 1 ? string.Create(C, $"{span.Minutes}m {span.Seconds:00}s")
            : span.TotalDays < 1 ? string.Create(C, $"{(int)span.TotalHours}h {span.Minutes:00}m")
            : string.Create(C, $"{(int)span.TotalDays}d {span.Hours}h");
    }

    /// <summary>"in 14m 02s" or "3m 10s ago".</summary>
    public static string Relative(DateTimeOffset at, DateTimeOffset now) =>
        at >= now ? "in " + Age((at - now).TotalSeconds) : Age((now - at).TotalSeconds) + " ago";

    public static string YesNo(bool? value, string unknown = "unknown") => value switch { true => "yes", false => "no", null => unknown };

    /// <summary>Markup-safe text.</summary>
    public static string Text(string? value) => Markup.Escape(value ?? "-");

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            var right = column.StartsWith('>');
            var name = right ? column[1..] : column;
            table.AddColumn(new TableColumn(Markup.Escape(name)) { Alignment = right ? Justify.Right : Justify.Left });
        }
        return table;
    }

    /// <summary>A two-column key/value grid.</summary>
    public static Grid Facts(IEnumerable<(string Name, string Value)> facts)
    {
        var grid = new Grid().AddColumn(new GridColumn().PadRight(2)).AddColumn();
        foreach (var (name, value) in facts)
            grid.AddRow(new Text(name), new Text(value));
        return grid;
    }
}
