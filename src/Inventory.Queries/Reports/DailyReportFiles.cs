using System.Globalization;
using System.Text;
using System.Text.Json;
using Inventory.Grains.Storage;

namespace Inventory.Queries.Reports;

/// <summary>
/// Daily reports on disk: reports/daily-YYYY-MM-DD.json (for scripts; read back by the CLI and the admin API) and
/// reports/daily-YYYY-MM-DD.md (for people), written whole through a temporary file so a reader never sees half.
/// </summary>
public static class DailyReportFiles
{
    public const string DirectoryName = "reports";


    public static string JsonPath(string directory, DateOnly date) => Path.Combine(directory, DailyReport.FileStem(date) + ".json");

    public static string MarkdownPath(string directory, DateOnly date) => Path.Combine(directory, DailyReport.FileStem(date) + ".md");

    /// <summary>Writes both files; returns the path of the Markdown one.</summary>
    public static async Task<string> WriteAsync(DailyReport report, string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        await WriteWholeAsync(JsonPath(directory, report.Date), JsonSerializer.Serialize(report, StoredJson.Indented), cancellationToken);
        var markdown = MarkdownPath(directory, report.Date);
        await WriteWholeAsync(markdown, ToMarkdown(report), cancellationToken);
        return markdown;
    }

    public static async Task<DailyReport?> TryReadAsync(string directory, DateOnly date, CancellationToken cancellationToken = default)
    {
        var path = JsonPath(directory, date);
        if (!File.Exists(path))
            return null;
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<DailyReport>(stream, StoredJson.Indented, cancellationToken);
    }

    public static string ToMarkdown(DailyReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.Append(c, $"# Daily inventory report {report.Date:yyyy-MM-dd}\n\n");
        md.Append(c, $"Period {report.From:yyyy-MM-dd HH:mm} to {report.To:yyyy-MM-dd HH:mm} UTC; generated {report.GeneratedAt:yyyy-MM-dd HH:mm:ss} UTC.\n\n");
        md.Append(c, $"## Movements\n\n{report.PositionsMoved} positions moved.\n\n");
        if (report.Movements.Count == 0)
        {
            md.Append("No ledger entries.\n\n");
        }
        else
        {
            md.Append("| Type | Entries | Quantity | Value |\n|---|---:|---:|---:|\n");
            foreach (var m in report.Movements)
                md.Append(c, $"| {m.Type} | {m.Entries} | {m.Quantity} | {m.Value:0.00} |\n");
            md.Append(c, $"| **total** | **{report.Movements.Sum(m => m.Entries)}** | | |\n\n");
        }
        md.Append(c, $"## Valuation at end of day\n\n{report.Valuation.TotalValue:0.00} across {report.Valuation.Positions} positions.\n\n");
        if (report.Valuation.ByMethod.Count > 0)
        {
            md.Append("| Costing method | Positions | Quantity | Value |\n|---|---:|---:|---:|\n");
            foreach (var v in report.Valuation.ByMethod)
                md.Append(c, $"| {v.CostingMethod} | {v.Positions} | {v.Quantity} | {v.Value:0.00} |\n");
            md.Append('\n');
        }
        var a = report.Alerts;
        md.Append(c, $"## Alerts\n\n{a.Opened} opened, {a.Acknowledged} acknowledged, {a.Resolved} resolved; {a.ActiveAtEnd} active at end of day.\n");
        if (a.ByKind.Count > 0)
        {
            md.Append("\n| Kind | Opened | Acknowledged | Resolved | Active at end |\n|---|---:|---:|---:|---:|\n");
            foreach (var k in a.ByKind)
                md.Append(c, $"| {k.Kind} | {k.Opened} | {k.Acknowledged} | {k.Resolved} | {k.ActiveAtEnd} |\n");
        }
        return md.ToString();
    }

    private static async Task WriteWholeAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
