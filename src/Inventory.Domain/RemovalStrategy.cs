namespace Inventory.Domain;

/// <summary>
/// Which layers leave first when available stock is picked (commit, shipment). Stored upper-case: FIFO, LIFO, FEFO.
/// A product without one follows its costing method (<see cref="StockPosition.DefaultRemovalFor"/>).
/// </summary>
[GenerateSerializer, Alias("inv.RemovalStrategy")]
public enum RemovalStrategy
{
    /// <summary>Oldest receipt first.</summary>
    Fifo,
    /// <summary>Newest receipt first.</summary>
    Lifo,
    /// <summary>First expiring first; layers without an expiry date last, oldest receipt first among equals.</summary>
    Fefo,
}
