using System.Text.Json.Serialization;
using Inventory.Domain;

namespace Inventory.Grains.Transfers;

/// <summary>
/// One receipt at the destination: the transit lines it took (cost and lot as they left the source), who received
/// them and the client's request key (an Idempotency-Key) that makes a repeated receipt a replay.
/// </summary>
[GenerateSerializer, Alias("inv.TransferReceipt"), Immutable]
public sealed record TransferReceipt(int Number, IReadOnlyList<LayerDraw> Lines, Actor ReceivedBy, DateTimeOffset At, string? RequestKey = null)
{
    [JsonIgnore]
    public decimal Quantity => Lines.Sum(l => l.Quantity);
    [JsonIgnore]
    public decimal Value => Lines.Sum(l => l.Quantity * l.UnitCost);
}
