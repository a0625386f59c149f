using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inventory.Storage.Postgres.Operations;

/// <summary>JSON of transfer and approval records: camelCase, enums by name in lower snake case, readable in SQL.</summary>
internal static class OperationsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
