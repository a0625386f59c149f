using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inventory.Bench.Baseline.Model;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ReservationRequest))]
[JsonSerializable(typeof(ReservationResponse))]
[JsonSerializable(typeof(ReservationLine[]))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(ReceiptRequest))]
[JsonSerializable(typeof(StockLevel))]
[JsonSerializable(typeof(NamedRecord))]
public sealed partial class BaselineJsonContext : JsonSerializerContext;
