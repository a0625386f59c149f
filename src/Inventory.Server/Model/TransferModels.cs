namespace Inventory.Server.Model;

/// <summary>POST /api/v1/transfers. transferId optional (derived from the Idempotency-Key, else generated).</summary>
public sealed record TransferRequestDto(string? TransferId, string? From, string? To, string? Sku, decimal? Quantity, string? Unit, string? Reference);
