using Inventory.Domain;
using Inventory.Domain.Serials;

namespace Inventory.Grains.Serials;

/// <summary>One serial-numbered item (key "SKU/SERIAL"). Moves run one at a time, so of concurrent attempts exactly one wins.</summary>
[Alias("inv.ISerialItemGrain")]
public interface ISerialItemGrain : IGrainWithStringKey
{
    Task<SerialItem?> GetAsync();

    /// <summary>
    /// Moves the item to <paramref name="to"/> and its position along with it: Reserved holds one unit, Available
    /// gives it back, Sold commits it (cost of goods from the layers), Delivered moves no stock.
    /// </summary>
    Task<Result<SerialMove>> MoveAsync(SerialStatus to, string reason, string? reference, Actor actor);
}
