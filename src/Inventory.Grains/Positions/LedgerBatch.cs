using Inventory.Domain;

namespace Inventory.Grains.Positions;

/// <summary>The entries of one committed batch of a position, published on the "stock" stream after COMMIT.</summary>
[GenerateSerializer, Alias("inv.LedgerBatch"), Immutable]
public sealed record LedgerBatch(PositionKey Position, IReadOnlyList<LedgerEntry> Entries, decimal OnHand, decimal Reserved);
