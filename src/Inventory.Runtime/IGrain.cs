namespace Inventory.Runtime;

/// <summary>Marker for every grain interface.</summary>
public interface IGrain;
