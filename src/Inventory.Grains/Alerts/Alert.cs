namespace Inventory.Grains.Alerts;

/// <summary>One stored alert of one position (a row of the alerts table).</summary>
/// <param name="Kind">One of <see cref="AlertKinds"/>.</param>
/// <param name="Severity">One of <see cref="AlertSeverities"/>.</param>
/// <param name="Status">open, acknowledged or resolved (<see cref="AlertStatuses"/>).</param>
/// <param name="RaisedSeq">Ledger sequence of the level change that raised it.</param>
/// <param name="ResolvedSeq">Ledger sequence of the level change that resolved it.</param>
[GenerateSerializer, Alias("inv.Alert"), Immutable]
public sealed record Alert(
    long Id,
    string Warehouse,
    string Sku,
    string Kind,
    string Severity,
    string Status,
    string Message,
    AlertDetails Details,
    DateTimeOffset RaisedAt,
    long RaisedSeq,
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedBy = null,
    string? Note = null,
    DateTimeOffset? ResolvedAt = null,
    long? ResolvedSeq = null)
{
    public bool IsActive => Status != AlertStatuses.Resolved;
}
