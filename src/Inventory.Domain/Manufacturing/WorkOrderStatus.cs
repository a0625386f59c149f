using System.Text.Json.Serialization;

namespace Inventory.Domain.Manufacturing;

/// <summary>
/// Lifecycle of a work order. Pending: recorded, materials being reserved. Reserved: every material held.
/// Completing: materials committed (or being committed), finished goods not yet received. Completed: finished goods
/// received at the rolled-up unit cost. Cancelled: materials released. Failed: some material was short; nothing held.
/// Pending and Completing are in-flight states that the next call with the same id finishes.
/// </summary>
/// <remarks>Stored by name, so the persisted state reads (and is queried) as "reserved", not 1.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<WorkOrderStatus>))]
[GenerateSerializer, Alias("inv.WorkOrderStatus")]
public enum WorkOrderStatus
{
    Pending,
    Reserved,
    Completing,
    Completed,
    Cancelled,
    Failed,
}
