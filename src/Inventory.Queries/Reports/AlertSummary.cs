namespace Inventory.Queries.Reports;

/// <summary>Alerts in a day: raised, acknowledged and resolved during it, and still active at its end, also per kind.</summary>
public sealed record AlertSummary(long Opened, long Acknowledged, long Resolved, long ActiveAtEnd, IReadOnlyList<AlertKindLine> ByKind);
