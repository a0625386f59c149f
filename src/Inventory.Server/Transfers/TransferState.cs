namespace Inventory.Server.Transfers;

/// <summary>The persisted state of a transfer (grain storage "transfer").</summary>
public sealed record TransferState(
    string Id,
    TransferRequest Request,
    TransferStatus Status,
    decimal? CostOfGoods,
    string? FailureCode,
    string? FailureMessage,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
