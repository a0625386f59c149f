namespace Inventory.Grains.Alerts;

/// <summary>A rule that holds for a position right now: what an alert of this kind would say.</summary>
[GenerateSerializer, Alias("inv.AlertCondition"), Immutable]
public sealed record AlertCondition(string Kind, string Severity, string Message, AlertDetails Details);
