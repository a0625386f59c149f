namespace Inventory.Server.Transfers;

/// <summary>What callers see of a transfer. Status is lower-case: pending, shipped, completed, failed.</summary>
public sealed record TransferView(
    string TransferId,
    string Status,
    string From,
    string To,
    string Sku,
    decimal Quantity,
    decimal? UnitCost,
    decimal? CostOfGoods,
    string? Reference,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TransferView Of(TransferState state) => new(
        state.Id,
        state.Status.ToString().ToLowerInvariant(),
        state.Request.From,
        state.Request.To,
        state.Request.Sku,
        state.Request.Quantity,
        state.CostOfGoods is { } cost ? TransferGrain.UnitCostOf(cost, state.Request.Quantity) : null,
        state.CostOfGoods,
        state.Request.Reference,
        state.CreatedBy,
        state.CreatedAt,
        state.UpdatedAt);
}
