namespace Inventory.Server.Transfers;

/// <summary>Move <see cref="Quantity"/> base units of <see cref="Sku"/> from one warehouse to another.</summary>
public sealed record TransferRequest(string From, string To, string Sku, decimal Quantity, string? Reference);
