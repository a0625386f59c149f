using Inventory.Queries;
using Inventory.Server.Model;

namespace Inventory.Server.Application;

/// <summary>
/// The analytics formulas over per-position activity (all decimal; docs/stock-operations.md, "Reports"):
/// <list type="bullet">
/// <item>average value = (opening value + closing value) / 2</item>
/// <item>turnover = cost of goods issued / average value (null when the average value is 0)</item>
/// <item>average daily issues = quantity issued / days in the period</item>
/// <item>days of cover = closing on hand x days / quantity issued = closing on hand / average daily issues (null without issues)</item>
/// <item>dead stock: closing on hand &gt; 0 and no issue in the last N days before the end (or never)</item>
/// <item>top movers: the positions with the largest quantity issued, and with the largest cost of goods issued</item>
/// </list>
/// </summary>
public static class InventoryAnalytics
{
    /// <summary>Ledger types that count as issues (consumption): commits of reservations — sales, work-order materials, serial sales.</summary>
    public static readonly IReadOnlyList<string> IssueTypes = ["committed"];

    public static decimal DaysBetween(DateTimeOffset from, DateTimeOffset to) => (decimal)(to - from).Ticks / TimeSpan.TicksPerDay;

    public static AnalyticsResponse Compute(DateTimeOffset from, DateTimeOffset to, int deadStockDays, int top, IReadOnlyList<PositionActivity> activity)
    {
        var days = DaysBetween(from, to);
        var positions = activity.Select(a =>
        {
            var average = (a.OpeningValue + a.ClosingValue) / 2m;
            return new PositionAnalytics(a.Warehouse, a.Sku, a.OpeningOnHand, a.ClosingOnHand, a.OpeningValue, a.ClosingValue, average,
                a.QuantityIssued, a.CostOfGoodsIssued, a.QuantityIssued / days,
                average == 0 ? null : a.CostOfGoodsIssued / average,
                a.QuantityIssued == 0 ? null : a.ClosingOnHand * days / a.QuantityIssued,
                a.LastIssueAt);
        }).ToList();

        var opening = positions.Sum(p => p.OpeningValue);
        var closing = positions.Sum(p => p.ClosingValue);
        var cogs = positions.Sum(p => p.CostOfGoodsIssued);
        var averageValue = (opening + closing) / 2m;
        var totals = new AnalyticsTotals(opening, closing, averageValue, cogs, averageValue == 0 ? null : cogs / averageValue);

        var deadSince = to.AddDays(-deadStockDays);
        var dead = positions
            .Where(p => p.ClosingOnHand > 0 && (p.LastIssueAt is null || p.LastIssueAt < deadSince))
            .Select(p => new DeadStockLine(p.Warehouse, p.Sku, p.ClosingOnHand, p.ClosingValue, p.LastIssueAt))
            .ToList();
        var movers = positions.Where(p => p.QuantityIssued > 0).ToList();
        var byQuantity = movers.OrderByDescending(p => p.QuantityIssued).ThenBy(p => p.Warehouse, StringComparer.Ordinal).ThenBy(p => p.Sku, StringComparer.Ordinal)
            .Take(top).Select(Mover).ToList();
        var byValue = movers.OrderByDescending(p => p.CostOfGoodsIssued).ThenBy(p => p.Warehouse, StringComparer.Ordinal).ThenBy(p => p.Sku, StringComparer.Ordinal)
            .Take(top).Select(Mover).ToList();
        return new AnalyticsResponse(from, to, days, deadStockDays, IssueTypes, totals, positions, dead, byQuantity, byValue);
    }

    private static MoverLine Mover(PositionAnalytics p) => new(p.Warehouse, p.Sku, p.QuantityIssued, p.CostOfGoodsIssued);
}
