using System.Text.Json.Serialization;
using Inventory.Domain;

namespace Inventory.Grains.Transfers;

/// <summary>What never arrived when a transfer was closed short: recorded at the destination as a transit_loss entry.</summary>
[GenerateSerializer, Alias("inv.TransferLoss"), Immutable]
public sealed record TransferLoss(IReadOnlyList<LayerDraw> Lines, string Reason, Actor ClosedBy, DateTimeOffset At)
{
    [JsonIgnore]
    public decimal Quantity => Lines.Sum(l => l.Quantity);
    [JsonIgnore]
    public decimal Value => Lines.Sum(l => l.Quantity * l.UnitCost);
}
