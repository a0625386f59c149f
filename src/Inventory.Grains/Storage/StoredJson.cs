using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inventory.Grains.Storage;

/// <summary>
/// The JSON of everything the service stores — jsonb columns, the in-memory stores of the grain tests, the daily
/// report files — in one place, so every store writes and reads the same format. The HTTP API's options are
/// ASP.NET Core's (<c>ConfigureHttpJsonOptions</c> in the server); the admin CLI reads those with its own.
/// </summary>
/// <remarks>
/// Reflection-based, not source-generated: measured on the hottest document (a position's summary snapshot, written
/// with every group commit), source generation saves about 0.3-1 µs of 2-3 µs per commit, well under 1 % of a
/// reservation's server CPU (0.1-0.3 ms), and the recovery snapshot (written now and then) 10-30 %. It does not pay
/// for a second description of every stored type.
/// </remarks>
public static class StoredJson
{
    /// <summary>camelCase names, enums as numbers: the format of the stored rows (changing it needs a migration).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Transfer and approval records: enums by name in lower snake case, readable in SQL.</summary>
    public static readonly JsonSerializerOptions NamedEnums = new(Options)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Files people open (the daily report).</summary>
    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };
}
