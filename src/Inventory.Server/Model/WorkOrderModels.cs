using Inventory.Domain.Manufacturing;

namespace Inventory.Server.Model;

/// <summary>PUT /api/v1/boms/{sku}: what one unit of the product takes, each component from its warehouse, in base units.</summary>
public sealed record BomRequest(IReadOnlyList<BomComponentDto?>? Components);

public sealed record BomComponentDto(string? Sku, string? Warehouse, decimal? QuantityPerUnit);

public sealed record BomResponse(string Sku, IReadOnlyList<BomComponent> Components, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static BomResponse Of(BillOfMaterials bom) => new(bom.Sku, bom.Components, bom.UpdatedBy, bom.UpdatedAt);
}

public sealed record BomListResponse(IReadOnlyList<BomResponse> Items);

/// <summary>POST /api/v1/work-orders: make quantity (in unit, default the base unit) of sku into warehouse.</summary>
public sealed record WorkOrderRequestDto(string? WorkOrderId, string? Sku, decimal? Quantity, string? Unit, string? Warehouse, string? Reference);

public sealed record WorkOrderListResponse(IReadOnlyList<Grains.WorkOrders.WorkOrderView> Items, string? Next);
