namespace Inventory.Storage.Postgres.Maintenance;

/// <summary>Alerts of one kind in a day.</summary>
public sealed record AlertKindLine(string Kind, long Opened, long Acknowledged, long Resolved, long ActiveAtEnd);
