using System.Collections.Concurrent;
using Orleans.GrainReferences;
using Orleans.Metadata;

namespace Inventory.Grains;

/// <summary>
/// Grain references for the hot paths. Orleans 10.4.2's <c>IGrainFactory.GetGrain&lt;T&gt;(key)</c> reads T's custom
/// attributes on every call (AttributeGrainInterfaceTypeProvider) to find its interface type: 2-3 % of the server's CPU
/// in a checkout flood. This resolves each interface's types once and then only builds the reference.
/// </summary>
public sealed class GrainRefs(GrainReferenceActivator activator, GrainInterfaceTypeResolver interfaces, GrainInterfaceTypeToGrainTypeResolver types)
{
    private readonly ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)> _resolved = new();

    public T Get<T>(string key) where T : IGrainWithStringKey
    {
        var (grain, face) = _resolved.GetOrAdd(typeof(T), static (type, s) =>
        {
            var face = s.interfaces.GetGrainInterfaceType(type);
            return (s.types.GetGrainType(face), face);
        }, (interfaces, types));
        return (T)(object)activator.CreateReference(GrainId.Create(grain, key), face);
    }
}
