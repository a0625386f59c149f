namespace Inventory.Grains.Transfers;

/// <summary>
/// Move <see cref="Quantity"/> base units of <see cref="Sku"/> from one warehouse to another. With
/// <see cref="AutoReceive"/> the destination receives everything as soon as it is shipped (a move within one site);
/// without, the goods stay in transit until someone receives them there.
/// </summary>
[GenerateSerializer, Alias("inv.TransferRequest"), Immutable]
public sealed record TransferRequest(string From, string To, string Sku, decimal Quantity, string? Reference, bool AutoReceive = true);
