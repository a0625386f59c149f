namespace Inventory.Runtime;

/// <summary>One AddGrain call, collected from the service collection by the runtime.</summary>
internal sealed record GrainRegistration(Type InterfaceType, Type GrainClass);
