using System.Text.Json;

namespace Inventory.Queries.Admin;

/// <summary>An alert of any kind (stock rules and consistency checks), with its stored data as it is.</summary>
public sealed record AlertRow(
    long Id,
    string? Warehouse,
    string? Sku,
    string Kind,
    string Severity,
    string Status,
    string Message,
    DateTimeOffset RaisedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string? Note,
    DateTimeOffset? ResolvedAt,
    JsonElement Data);
