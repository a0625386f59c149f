using Inventory.Domain.Manufacturing;
using Inventory.Domain.Reservations;

namespace Inventory.Grains.WorkOrders;

/// <summary>The persisted state of a work order (grain storage "work-order").</summary>
/// <param name="MaterialCost">Cost of goods of every material, summed from the committed lines (known from Completing on).</param>
/// <param name="MaterialLines">The committed lines with their cost of goods.</param>
[GenerateSerializer, Alias("inv.WorkOrderState"), Immutable]
public sealed record WorkOrderState(
    string Id,
    WorkOrderRequest Request,
    WorkOrderStatus Status,
    decimal? MaterialCost,
    IReadOnlyList<ReservationLine>? MaterialLines,
    IReadOnlyList<LineShortage>? Shortages,
    string? FailureCode,
    string? FailureMessage,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
