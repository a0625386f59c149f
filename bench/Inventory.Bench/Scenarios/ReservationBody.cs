using System.Buffers;
using System.Text.Json;

namespace Inventory.Bench.Scenarios;

/// <summary>The JSON of POST /api/v1/reservations: {lines:[{sku,warehouse,quantity}], ttlSeconds, reference}.</summary>
public static class ReservationBody
{
    /// <summary>Long enough that nothing expires while the benchmark runs and is verified.</summary>
    public const int TtlSeconds = 3600;

    public const string Path = "/api/v1/reservations";

    public static WorkItem Create(Catalogue catalogue, int[] positions, int[] quantities, string reference)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("lines");
            for (var i = 0; i < positions.Length; i++)
            {
                var position = catalogue.Positions[positions[i]];
                json.WriteStartObject();
                json.WriteString("sku", position.Sku);
                json.WriteString("warehouse", position.Warehouse);
                json.WriteNumber("quantity", quantities[i]);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("ttlSeconds", TtlSeconds);
            json.WriteString("reference", reference);
            json.WriteEndObject();
        }
        return new WorkItem(HttpMethod.Post, Path, buffer.WrittenSpan.ToArray(), positions, quantities);
    }
}
