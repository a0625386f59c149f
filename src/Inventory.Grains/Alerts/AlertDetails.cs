namespace Inventory.Grains.Alerts;

/// <summary>The figures behind an alert, as they were when it was raised (stored in alerts.data).</summary>
[GenerateSerializer, Alias("inv.AlertDetails"), Immutable]
public sealed record AlertDetails(
    decimal OnHand,
    decimal Reserved,
    decimal Available,
    decimal? ReorderPoint,
    decimal? MaxStock,
    ReorderSuggestion? Suggestion,
    IReadOnlyList<ExpiringLot> ExpiringLots);
