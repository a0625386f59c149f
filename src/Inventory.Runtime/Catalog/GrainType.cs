using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Runtime;

/// <summary>A registered grain interface and the class that implements it.</summary>
internal sealed class GrainType
{
    private GrainInterface? _interface;
    private ObjectFactory? _factory;

    public GrainType(Type interfaceType, Type grainClass)
    {
        InterfaceType = interfaceType;
        GrainClass = grainClass;
        IsBatching = typeof(IBatchCommitting).IsAssignableFrom(grainClass);
        Tag = new KeyValuePair<string, object?>("grain.type", interfaceType.Name);
    }

    public Type InterfaceType { get; }

    public Type GrainClass { get; }

    /// <summary>The <see cref="GrainId.Type"/> of grains of this type.</summary>
    public string Name => InterfaceType.Name;

    public bool IsBatching { get; }

    /// <summary>The metrics tag, built once.</summary>
    public KeyValuePair<string, object?> Tag { get; }

    /// <summary>Validated on first use, so an invalid interface fails at GetGrain with a clear message.</summary>
    public GrainInterface Interface => _interface ??= GrainInterface.For(InterfaceType);

    public Grain CreateGrain(IServiceProvider services)
    {
        _factory ??= ActivatorUtilities.CreateFactory(GrainClass, Type.EmptyTypes);
        return (Grain)_factory(services, null);
    }
}
