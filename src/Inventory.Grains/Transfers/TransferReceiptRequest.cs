namespace Inventory.Grains.Transfers;

/// <summary>
/// A receipt at the destination: <see cref="Quantity"/> base units taken from what is in transit in shipment order,
/// or per lot (<see cref="Lots"/>). With <see cref="Close"/>, whatever is still in transit afterwards is recorded as
/// lost at the destination (reason <see cref="Reason"/>, default transit_loss) and the transfer completes.
/// <see cref="RequestKey"/> (from an Idempotency-Key) makes a repeated receipt return the first answer.
/// </summary>
[GenerateSerializer, Alias("inv.TransferReceiptRequest"), Immutable]
public sealed record TransferReceiptRequest(
    decimal? Quantity,
    IReadOnlyList<LotQuantity>? Lots = null,
    bool Close = false,
    string? Reason = null,
    string? RequestKey = null);

/// <summary>A quantity of one lot (null: stock without a lot).</summary>
[GenerateSerializer, Alias("inv.LotQuantity"), Immutable]
public sealed record LotQuantity(string? Lot, decimal Quantity);
