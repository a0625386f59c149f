namespace Inventory.Queries.Checks;

/// <summary>One thing the consistency check found wrong with one position.</summary>
/// <param name="Kind">One of <see cref="ConsistencyProblemKinds"/>.</param>
public sealed record ConsistencyProblem(string Warehouse, string Sku, string Kind, string Detail, string? ReservationId = null);
