namespace Inventory.Server.Model;

/// <summary>A page of movements across positions; pass <see cref="NextAfterSeq"/> as <c>afterSeq</c> for the next page.</summary>
public sealed record MovementsResponse(IReadOnlyList<LedgerEntryResponseWithPosition> Entries, long? NextAfterSeq);

public sealed record LedgerEntryResponseWithPosition(string Warehouse, string Sku, LedgerEntryResponse Entry);

/// <summary>One position over the period. Null ratios are undefined (nothing to divide by), not zero.</summary>
public sealed record PositionAnalytics(
    string Warehouse,
    string Sku,
    decimal OpeningOnHand,
    decimal ClosingOnHand,
    decimal OpeningValue,
    decimal ClosingValue,
    decimal AverageValue,
    decimal QuantityIssued,
    decimal CostOfGoodsIssued,
    decimal AverageDailyIssues,
    decimal? Turnover,
    decimal? DaysOfCover,
    DateTimeOffset? LastIssueAt);

public sealed record AnalyticsTotals(decimal OpeningValue, decimal ClosingValue, decimal AverageValue, decimal CostOfGoodsIssued, decimal? Turnover);

public sealed record DeadStockLine(string Warehouse, string Sku, decimal OnHand, decimal Value, DateTimeOffset? LastIssueAt);

public sealed record MoverLine(string Warehouse, string Sku, decimal QuantityIssued, decimal CostOfGoodsIssued);

/// <summary>GET /api/v1/reports/analytics: the period [from, to), its length in days, and the figures defined in the docs.</summary>
public sealed record AnalyticsResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    decimal Days,
    int DeadStockDays,
    IReadOnlyList<string> IssueTypes,
    AnalyticsTotals Totals,
    IReadOnlyList<PositionAnalytics> Positions,
    IReadOnlyList<DeadStockLine> DeadStock,
    IReadOnlyList<MoverLine> TopByQuantity,
    IReadOnlyList<MoverLine> TopByValue);
