namespace Inventory.Server.Application.Checks;

/// <summary>One daily report written (or the error that stopped it).</summary>
public sealed record DailyReportRun(DateTimeOffset At, DateOnly Date, string? Path, string? Error);
