namespace Inventory.Queries;

/// <summary>
/// Which ledger entries to list, across positions, in ledger order after <see cref="AfterSeq"/>: warehouse, sku, types
/// (stored names), time [From, To) and reference, each optional.
/// </summary>
public sealed record MovementFilter(
    string? Warehouse,
    string? Sku,
    IReadOnlyList<string>? Types,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Reference,
    long AfterSeq,
    int Limit);
