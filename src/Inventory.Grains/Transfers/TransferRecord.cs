using System.Text.Json.Serialization;
using Inventory.Domain;

namespace Inventory.Grains.Transfers;

/// <summary>
/// The persisted state of a transfer. Written before every step (the step's intent: a pending receipt, a loss being
/// recorded) and after it, so a crash at any point leaves a record the recovery sweep can finish exactly once.
/// </summary>
[GenerateSerializer, Alias("inv.TransferRecord"), Immutable]
public sealed record TransferRecord(
    string Id,
    TransferRequest Request,
    TransferStatus Status,
    Actor CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<LayerDraw> Shipped,
    decimal? CostOfGoods,
    IReadOnlyList<LayerDraw> InTransit,
    IReadOnlyList<TransferReceipt> Receipts,
    TransferReceipt? PendingReceipt = null,
    string? CloseReason = null,
    TransferLoss? Loss = null,
    string? FailureCode = null,
    string? FailureMessage = null)
{
    [JsonIgnore]
    public decimal ShippedQuantity => Shipped.Sum(l => l.Quantity);
    [JsonIgnore]
    public decimal ReceivedQuantity => Receipts.Sum(r => r.Quantity);
    [JsonIgnore]
    public decimal InTransitQuantity => InTransit.Sum(l => l.Quantity);
    [JsonIgnore]
    public decimal InTransitValue => InTransit.Sum(l => l.Quantity * l.UnitCost);

    /// <summary>The stored name of a status: pending, in_transit, receiving, closing, completed, failed.</summary>
    public static string StatusName(TransferStatus status) => status switch
    {
        TransferStatus.InTransit => "in_transit",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static bool TryParseStatus(string? text, out TransferStatus status)
    {
        foreach (var candidate in Enum.GetValues<TransferStatus>())
        {
            if (string.Equals(StatusName(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
