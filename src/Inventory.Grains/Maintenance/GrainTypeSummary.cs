namespace Inventory.Grains.Maintenance;

/// <summary>The activations of one grain class (e.g. "StockPositionGrain"), in all and per silo.</summary>
public sealed record GrainTypeSummary(string Type, int Activations, IReadOnlyList<SiloActivations> Silos);

/// <summary>How many activations of a type one silo holds.</summary>
public sealed record SiloActivations(string Silo, int Activations);
