using Inventory.Domain.Manufacturing;
using Inventory.Domain.Reservations;

namespace Inventory.Grains.WorkOrders;

/// <summary>What callers see of a work order. Status is lower-case; unit cost = material cost / quantity.</summary>
[GenerateSerializer, Alias("inv.WorkOrderView"), Immutable]
public sealed record WorkOrderView(
    string WorkOrderId,
    string Status,
    string Sku,
    decimal Quantity,
    string Warehouse,
    string? Reference,
    string ReservationId,
    IReadOnlyList<MaterialRequirement> Materials,
    IReadOnlyList<ReservationLine>? CommittedMaterials,
    decimal? MaterialCost,
    decimal? UnitCost,
    IReadOnlyList<LineShortage>? Shortages,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WorkOrderView Of(WorkOrderState s) => new(
        s.Id, s.Status.ToString().ToLowerInvariant(), s.Request.Sku, s.Request.Quantity, s.Request.Warehouse, s.Request.Reference,
        WorkOrderGrain.ReservationIdOf(s.Id), s.Request.Materials, s.MaterialLines, s.MaterialCost,
        s.MaterialCost is { } cost ? WorkOrderGrain.UnitCostOf(cost, s.Request.Quantity) : null,
        s.Shortages, s.CreatedBy, s.CreatedAt, s.UpdatedAt);
}
