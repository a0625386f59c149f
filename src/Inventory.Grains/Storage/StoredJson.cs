using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inventory.Grains.Storage;

/// <summary>
/// The JSON of everything the service stores — jsonb columns, the in-memory stores of the grain tests, the daily
/// report files — in one place, so every store writes and reads the same format. The HTTP API's options are
/// ASP.NET Core's (<c>ConfigureHttpJsonOptions</c> in the server); the admin CLI reads those with its own.
/// </summary>
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
