using System.Globalization;

namespace Inventory.Admin.Output;

/// <summary>Instants on the command line: a UTC day (2026-03-01 = its midnight) or an ISO 8601 time (2026-03-01T09:30:00Z).</summary>
public static class Instants
{
    public static DateTimeOffset Parse(string text, string option)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return at;
        throw new AdminException(ExitCodes.Usage, $"{option} '{text}' is neither a day (YYYY-MM-DD) nor a time (YYYY-MM-DDTHH:MM:SSZ).");
    }

    public static DateOnly ParseDay(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new AdminException(ExitCodes.Usage, $"{option} '{text}' is not a day (YYYY-MM-DD).");
}
