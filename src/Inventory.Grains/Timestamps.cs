namespace Inventory.Grains;

/// <summary>
/// PostgreSQL keeps timestamps to the microsecond, .NET to 100 ns. Grains cut every time they record to whole
/// microseconds so a snapshot and the fold of the ledger read back from the database agree exactly.
/// </summary>
public static class Timestamps
{
    public static DateTimeOffset ToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % 10, TimeSpan.Zero);

    public static DateTimeOffset UtcNowMicroseconds(this TimeProvider time) => ToMicroseconds(time.GetUtcNow());
}
