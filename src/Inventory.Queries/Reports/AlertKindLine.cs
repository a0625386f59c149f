namespace Inventory.Queries.Reports;

/// <summary>Alerts of one kind in a day.</summary>
public sealed record AlertKindLine(string Kind, long Opened, long Acknowledged, long Resolved, long ActiveAtEnd);
