namespace Inventory.Bench.Baseline.Model;

/// <summary>RFC 7807 problem details with the service's stable error code (and, for shortages, the short lines).</summary>
public sealed record Problem(string Title, int Status, string Code, string Detail, IReadOnlyList<LineShortage>? Lines = null)
{
    public string Type => "about:blank";
}
