namespace Inventory.Runtime;

public interface IGrainFactory
{
    /// <summary>
    /// A reference to the grain with this key. Cheap: nothing is activated until the first call.
    /// Throws <see cref="ArgumentException"/> when the interface breaks the grain interface rules and
    /// <see cref="InvalidOperationException"/> when no grain class is registered for it.
    /// </summary>
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;
}
