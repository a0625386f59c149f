using Inventory.Domain.Serials;

namespace Inventory.Grains.Serials;

/// <summary>The item after a move; <see cref="Replayed"/> when the move repeated the last one and changed nothing.</summary>
[GenerateSerializer, Alias("inv.SerialMove"), Immutable]
public sealed record SerialMove(SerialItem Item, SerialStatus From, bool Replayed);
